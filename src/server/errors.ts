import { ERROR_CODES, formatError, type ErrorCode, type ErrorParams, type ForbiddenWhat, type NotFoundWhat } from '../core/api/error-codes.ts';
import type { ApiErrorBody } from '../core/sync/protocol.ts';

export interface Issue {
  readonly path: string;
  readonly message: string;
  /** The kind of fault, a stable key (src/core/api/input-issues.ts: too_long, missing...) the app translates, with its parameters ({max}...). */
  readonly code?: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/**
 * An error the API reports to its caller as {error: {code, params, message, issues?}}. The status and the
 * English message come from the catalogue (src/core/api/error-codes.ts), so a code always answers with
 * the same status and parameters, and the app translates from code + params.
 */
export class ApiError<C extends ErrorCode = ErrorCode> extends Error {
  readonly status: number;
  readonly code: C;
  readonly params: ErrorParams<C>;
  readonly issues?: readonly Issue[];

  constructor(code: C, params: ErrorParams<C>, issues?: readonly Issue[]) {
    super(formatError(code, params));
    this.code = code;
    this.params = params;
    this.status = ERROR_CODES[code].status;
    if (issues !== undefined) this.issues = issues;
  }
}

export const apiError = <C extends ErrorCode>(code: C, params: ErrorParams<C>, issues?: readonly Issue[]): ApiError<C> => new ApiError(code, params, issues);

export const notSignedIn = (): ApiError => apiError('not_signed_in', {});
export const forbidden = (what: ForbiddenWhat): ApiError => apiError('forbidden', { what });
export const notFound = (what: NotFoundWhat): ApiError => apiError('not_found', { what });

/** The JSON body of every error answer: the stable code and its parameters, the English message, and the faults of a bad input. */
export function errorBody(error: ApiError): ApiErrorBody {
  return { error: { code: error.code, params: error.params, message: error.message, ...(error.issues === undefined ? {} : { issues: error.issues }) } };
}

/** Fastify's own refusals (body too large, not JSON...) and unexpected failures, as catalogued codes. */
export function fromFastifyError(error: { readonly code?: string; readonly statusCode?: number; readonly message: string }, bodyLimit: number): ApiError {
  const status = error.statusCode ?? 500;
  if (status >= 500) return apiError('server_error', {});
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return apiError('body_too_large', { kib: bodyLimit / 1024 });
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return apiError('unsupported_media_type', { expected: 'json' });
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return apiError('bad_json', {});
  return apiError('bad_request', { detail: error.message });
}
