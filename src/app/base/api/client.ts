/**
 * Why an API call failed, in the terms the app acts on: offline (no answer at all), signed-out (401),
 * refused (a 4xx with the server's code), server (5xx) or unexpected (a success that is not the route's
 * answer: a captive portal's page, a body of another shape). Screens show errorText() (src/app/base/i18n/error-text.ts), never `message`,
 * which is English for logs.
 */
export class ApiFailure extends Error {
  constructor(
    readonly kind: 'offline' | 'signed-out' | 'refused' | 'server' | 'unexpected',
    readonly status: number,
    readonly code: string,
    message: string,
    /** For invalid input: each fault with its place, kind and limits (`code`, `params`, translated by issueText), as the server listed them. */
    readonly issues: readonly { readonly path: string; readonly message: string; readonly code?: string; readonly params?: Readonly<Record<string, string | number>> }[] = [],
    /** The code's parameters (src/core/api/error-codes.ts), which the translated text is filled with. */
    readonly params: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
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
