// XML 1.0 forbids most control characters even when escaped; an observer's pasted text may contain them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Drops the characters XML cannot carry at all (the DOCX library escapes markup but keeps these). */
export function stripInvalidXml(value: string): string {
  return value.replace(INVALID_XML, '');
}

/** Escapes text for XML element content and attribute values. */
export function escapeXml(value: string): string {
  return stripInvalidXml(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
