import type { ApiErrorBody } from '../../core/sync/protocol.ts';
import type { UploadStatus } from '../../core/sync/attachments.ts';
import { ApiFailure, deviceAuthorization } from '../api/client.ts';

/**
 * PUT one chunk as raw bytes (the JSON client cannot carry them), failing the same way the JSON
 * client does, so the sync loop treats offline, signed-out and refusals alike.
 */
export async function sendChunk(url: string, bytes: Blob): Promise<UploadStatus> {
  let response: Response;
  try {
    // An enrolled phone has no session cookie: its token goes with the bytes as with every other call.
    response = await fetch(url, { method: 'PUT', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream', ...deviceAuthorization() }, body: bytes });
  } catch {
    throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as UploadStatus;
  const error = (body as Partial<ApiErrorBody> | undefined)?.error;
  const code = error?.code ?? 'http_error';
  const message = error?.message ?? `The server answered ${response.status}.`;
  if (response.status === 401) throw new ApiFailure('signed-out', 401, code, message);
  throw new ApiFailure(response.status >= 500 ? 'server' : 'refused', response.status, code, message, error?.issues ?? []);
}
