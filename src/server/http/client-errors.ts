import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { apiError, errorBody, type ApiError } from '../errors.ts';

/** Node's HTTP parser codes (https://nodejs.org/api/http.html#event-clienterror) and what we answer. */
const ANSWERS: Readonly<Record<string, ApiError>> = {
  HPE_HEADER_OVERFLOW: apiError('headers_too_large', {}),
  ERR_HTTP_REQUEST_TIMEOUT: apiError('request_timeout', {}),
};
const MALFORMED = apiError('bad_request', { detail: 'not valid HTTP.' });

/**
 * Fastify's clientErrorHandler: requests Node refuses before Fastify sees them (oversized headers,
 * malformed HTTP, a timeout) get the API's error body, `{error: {code, message}}`, like every other
 * refusal, instead of a body of Node's or Fastify's own shape.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const answer = ANSWERS[error.code ?? ''] ?? MALFORMED;
  const text = JSON.stringify(errorBody(answer));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}
