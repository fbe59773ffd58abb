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

let deviceToken: string | undefined;

/** The enrolled device's token, sent as a bearer header on every call (undefined: cookie session only). */
export function setDeviceToken(token: string | undefined): void {
  deviceToken = token;
}

/** The header that carries the device token, for every request the app makes to the API (raw-bytes ones too). */
export function deviceAuthorization(): Record<string, string> {
  return deviceToken === undefined ? {} : { authorization: `Bearer ${deviceToken}` };
}

export async function api<T>(path: string, init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = init.method ?? 'GET';
  // Every change is sent as JSON, even one with nothing to say: the server refuses other types from a
  // cookie session, because a page on another origin can send those without asking (docs/security.md).
  const sent = init.body ?? (method === 'GET' ? undefined : {});
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(sent === undefined ? {} : { 'content-type': 'application/json' }),
        ...deviceAuthorization(),
      },
      ...(sent === undefined ? {} : { body: JSON.stringify(sent) }),
      ...(init.signal === undefined ? {} : { signal: init.signal }),
    });
  } catch {
    throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) return body as T;
  const code = isErrorBody(body) ? body.error.code : 'http_error';
  const message = isErrorBody(body) ? body.error.message : `The server answered ${response.status}.`;
  if (response.status === 401) throw new ApiFailure('signed-out', 401, code, message);
  // A proxy's 502/503/504 while the server restarts means "try later", like being offline.
  throw new ApiFailure(response.status >= 500 ? 'server' : 'refused', response.status, code, message, isErrorBody(body) ? (body.error.issues ?? []) : []);
}
