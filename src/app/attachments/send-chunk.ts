import type { UploadStatus } from '../../core/sync/attachments.ts';
import { answerOf, ApiFailure, browserConnection, requestHeaders, type Connection } from '../api/client.ts';

/**
 * PUT one chunk as raw bytes (the JSON client cannot carry them), through the same connection and with
 * the same failures as the JSON client, so the sync loop treats offline, signed-out and refusals alike,
 * and an enrolled device's chunks carry its token like its other calls.
 */
export async function sendChunk(url: string, bytes: Blob, connection: Connection = browserConnection): Promise<UploadStatus> {
  let response: Response;
  try {
    response = await connection.fetch(url, { method: 'PUT', credentials: 'same-origin', headers: requestHeaders(connection, 'application/octet-stream'), body: bytes });
  } catch {
    throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
  }
  return answerOf<UploadStatus>(response);
}
