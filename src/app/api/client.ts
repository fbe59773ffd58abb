import type { ApiErrorBody } from '../../core/sync/protocol.ts';

/**
 * Why an API call failed, in the terms the app acts on: offline (no answer at all), signed-out (401),
 * refused (a 4xx with the server's message) or server (5xx). The message is the server's, for people.
 */
export class ApiFailure extends Error {
  constructor(
    readonly kind: 'offline' | 'signed-out' | 'refused' | 'server',
    readonly status: number,
    readonly code: string,
    message: string,
    /** For invalid input: each fault with its place, as the server listed them. */
    readonly issues: readonly { readonly path: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: { message?: unknown } }).error?.message === 'string';
}

/**
 * How the app reaches the server: a fetch and, for an enrolled device, its token (sent as a bearer
 * header; undefined: the cookie session only). The app has one, the browser's; tests give each simulated
 * device its own, with a fetch that reaches the server app and can lose, repeat or cut what it carries.
 */
export interface Connection {
  readonly fetch: (path: string, init: RequestInit) => Promise<Response>;
  token: string | undefined;
}

export const browserConnection: Connection = { fetch: (path, init) => fetch(path, init), token: undefined };

/** The enrolled device's token, sent as a bearer header on every call (undefined: cookie session only). */
export function setDeviceToken(token: string | undefined): void {
  browserConnection.token = token;
}

/** The headers every call carries: the device token when there is one, and the body's type. */
export function requestHeaders(connection: Connection, contentType: string | undefined): Record<string, string> {
  return {
    ...(contentType === undefined ? {} : { 'content-type': contentType }),
    ...(connection.token === undefined ? {} : { authorization: `Bearer ${connection.token}` }),
  };
}

export async function api<T>(
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; signal?: AbortSignal } = {},
  connection: Connection = browserConnection,
): Promise<T> {
  const method = init.method ?? 'GET';
  // Every change is sent as JSON, even one with nothing to say: the server refuses other types from a
  // cookie session, because a page on another origin can send those without asking (docs/security.md).
  const sent = init.body ?? (method === 'GET' ? undefined : {});
  let response: Response;
  try {
    response = await connection.fetch(path, {
      method,
      credentials: 'same-origin',
      headers: requestHeaders(connection, sent === undefined ? undefined : 'application/json'),
      ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
  } catch {
    throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
  }
  return answerOf<T>(response);
}

const BROKEN_OFF = Symbol('broken off');

/**
 * A response's body, or the ApiFailure it stands for. A success whose body broke off (the connection
 * dropped mid-answer) is no answer at all: offline, to be tried again, like an answer that never came.
 */
export async function answerOf<T>(response: Response): Promise<T> {
  const body = await readJson(response);
  if (response.ok) {
    if (body === BROKEN_OFF) throw new ApiFailure('offline', response.status, 'answer_broken_off', 'The answer from the server was cut off.');
    return body as T;
  }
  const code = isErrorBody(body) ? body.error.code : 'http_error';
  const message = isErrorBody(body) ? body.error.message : `The server answered ${response.status}.`;
  if (response.status === 401) throw new ApiFailure('signed-out', 401, code, message);
  // A proxy's 502/503/504 while the server restarts means "try later", like being offline.
  throw new ApiFailure(response.status >= 500 ? 'server' : 'refused', response.status, code, message, isErrorBody(body) ? (body.error.issues ?? []) : []);
}

/** The parsed body; undefined when empty; BROKEN_OFF when the body cannot be read or is not whole JSON. */
async function readJson(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return BROKEN_OFF;
  }
}
