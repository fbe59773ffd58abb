import type { AttachmentKind } from '../../core/forms/types.ts';

/**
 * Where a file stands on this device: pending (kept here, not yet on the server), complete (the server
 * verified it: the bytes are dropped from the device), refused (the server will not take it; the reason
 * is in `refusal`, or `note` on records from before refusals were codes, and the bytes stay until the
 * observer removes the file).
 */
export type LocalAttachmentState = 'pending' | 'complete' | 'refused';

/** One attached file, keyed by project and the SHA-256 of its bytes: a file attached twice is stored once. */
export interface LocalAttachment {
  readonly projectId: string;
  readonly hash: string;
  readonly kind: AttachmentKind;
  readonly mime: string;
  readonly size: number;
  readonly name?: string;
  /** The bytes, until the server confirms them complete. */
  readonly blob?: Blob;
  readonly state: LocalAttachmentState;
  /** Bytes the server has confirmed so far: the item shows it as progress. */
  readonly received: number;
  /** Why the server refused the file: its error code and parameters (src/core/api/error-codes.ts), translated when shown. */
  readonly refusal?: AttachmentRefusal;
  /** Older devices stored the server's English sentence instead of `refusal`: still read, never written. */
  readonly note?: string;
  readonly createdAt: string;
}

/** A server's refusal of a file, as a stable code and its parameters, so every language can say it. */
export interface AttachmentRefusal {
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}
