import { toHex } from '../../core/sync/attachments.ts';

/** The SHA-256 of a file's bytes, in lower-case hex: the file's name on the server and in the answers. */
export async function sha256Hex(blob: Blob): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
}
