import type { AttachmentKind } from '../../core/forms/types.ts';

/**
 * Where a file stands on this device: pending (kept here, not yet on the server), complete (the server
 * verified it: the bytes are dropped from the device), refused (the server will not take it; the reason
 * is in `note` and the bytes stay until the observer removes the file).
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
  readonly note?: string;
  readonly createdAt: string;
}
