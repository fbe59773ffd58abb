import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiErrorBody } from '../../core/sync/protocol.ts';

/** Node's HTTP parser codes (https://nodejs.org/api/http.html#event-clienterror) and what we answer. */
const ANSWERS: Readonly<Record<string, { status: number; code: string; message: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'headers_too_large', message: 'The request headers are too large. Sign out and in again, or clear this site\'s cookies, and try again.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request_timeout', message: 'The request took too long to arrive. Try again.' },
};
const MALFORMED = { status: 400, code: 'bad_request', message: 'The request is not valid HTTP.' };

/**
 * Fastify's clientErrorHandler: requests Node refuses before Fastify sees them (oversized headers,
 * malformed HTTP, a timeout) get the API's error body, `{error: {code, message}}`, like every other
 * refusal, instead of a body of Node's or Fastify's own shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const body: ApiErrorBody = { error: { code: answer.code, message: answer.message } };
  const text = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
