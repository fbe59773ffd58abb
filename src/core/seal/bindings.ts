/**
 * What each sealed box is bound to (its associated data). A box opens only with the same binding it was
 * sealed with, so the server cannot move a report version's content to another report, another version or
 * another form, nor a comment to another report. Every field is an id or a number the server stores in
 * the clear anyway; changing one of these strings is a breaking change of the format (bump `v` in
 * envelope.ts instead).
 */

/** A report version: the version is the one the server stores it as (the device seals for baseVersion + 1). */
export const reportBinding = (reportId: string, version: number, formId: string, formVersion: number): string =>
  `report:${reportId}:v${String(version)}:form:${formId}@${String(formVersion)}`;

/** A comment or reply on a report. */
export const commentBinding = (commentId: string, reportId: string): string => `comment:${commentId}:report:${reportId}`;

/** An attachment's content key (the bytes are encrypted before they are chunked; the key travels in the report). */
export const attachmentBinding = (reportId: string, attachmentId: string): string => `attachment:${attachmentId}:report:${reportId}`;

/** The project's private key sealed to a coordinator's personal key (a grant). */
export const grantBinding = (projectId: string, projectKid: string, userId: string): string => `grant:${projectId}:${projectKid}:user:${userId}`;

/** Passphrase-wrapping purposes (keys.ts wrapWithPassphrase). */
export const personalKeyPurpose = (userId: string): string => `personal-key:${userId}`;
export const recoveryPurpose = (projectId: string, projectKid: string): string => `recovery:${projectId}:${projectKid}`;
