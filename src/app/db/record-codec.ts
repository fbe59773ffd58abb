/**
 * Turns a record into bytes and back, for encryption (encryption.ts). JSON for the fields; Blobs (attached
 * files) are read and their bytes appended after the JSON, so a file is encrypted like any other field.
 * Layout: 4-byte little-endian JSON length, the JSON (UTF-8), then the files' bytes.
 */

const BLOB = '\u0000blob';
interface BlobRef {
  readonly [BLOB]: readonly [offset: number, length: number, type: string];
}

function isBlobRef(value: unknown): value is BlobRef {
  return typeof value === 'object' && value !== null && BLOB in value;
}

export async function encodeRecord(record: unknown): Promise<Uint8Array<ArrayBuffer>> {
  const blobs: Blob[] = [];
  let offset = 0;
  const json = JSON.stringify(record, (_key, value: unknown) => {
    if (!(value instanceof Blob)) return value;
    const ref: BlobRef = { [BLOB]: [offset, value.size, value.type] };
    offset += value.size;
    blobs.push(value);
    return ref;
  });
  const text = new TextEncoder().encode(json);
  const out = new Uint8Array(4 + text.length + offset);
  new DataView(out.buffer).setUint32(0, text.length, true);
  out.set(text, 4);
  let at = 4 + text.length;
  for (const blob of blobs) {
    out.set(new Uint8Array(await blob.arrayBuffer()), at);
    at += blob.size;
  }
  return out;
}

export function decodeRecord(bytes: Uint8Array<ArrayBuffer>): unknown {
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
  const filesAt = 4 + length;
  const json = new TextDecoder().decode(bytes.subarray(4, filesAt));
  return JSON.parse(json, (_key, value: unknown) => {
    if (!isBlobRef(value)) return value;
    const [offset, size, type] = value[BLOB];
    return new Blob([bytes.slice(filesAt + offset, filesAt + offset + size)], { type });
  });
}
