import * as v from 'valibot';
import type { ApiErrorBody } from '../../../core/sync/protocol.ts';
import type { CallInput, ResponseOf, RouteContract } from '../../../core/api/route.ts';
import { ApiFailure, browserConnection, requestHeaders, type Connection } from './client.ts';

/**
 * Calls one route of the contract (src/core/api/contract.ts): `call(contract.listCases, { query })`.
 * The path, the query string and the body are built from the entry, typed by its schemas, and the
 * answer is checked against its response schema before the app uses it, so a captive portal's HTML page
 * or a body of another shape is an ApiFailure of kind 'unexpected', never a value that breaks later.
 */
export async function call<const R extends RouteContract>(entry: R, input: CallInput<R>, connection: Connection = browserConnection, signal?: AbortSignal): Promise<ResponseOf<R>> {
  const parts = input as { readonly params?: Values; readonly query?: Values; readonly body?: unknown };
  const url = urlOf(entry, parts.params, parts.query);
  let body: BodyInit | undefined;
  let contentType: string | undefined;
  if (entry.body === 'bytes') {
    body = parts.body as BodyInit;
    contentType = 'application/octet-stream';
  } else if (entry.method !== 'GET') {
    // Every change is sent as JSON, even one with nothing to say: the server refuses other types from a
    // cookie session, because a page on another origin can send those without asking (docs/security.md).
    body = JSON.stringify(parts.body ?? {});
    contentType = 'application/json';
  }
  let response: Response;
  try {
    response = await connection.fetch(url, {
      method: entry.method,
      credentials: 'same-origin',
      headers: requestHeaders(connection, contentType),
      ...(body === undefined ? {} : { body }),
      ...(signal === undefined ? {} : { signal }),
    });
  } catch {
    throw new ApiFailure('offline', 0, 'offline', 'No connection to the server.');
  }
  return answerFor(entry, response);
}

/** The path with its parameters filled in (each encoded) and the query string from the defined values. */
/** Path parameters and query strings are words and numbers (their schemas' inputs). */
export type Values = Readonly<Record<string, string | number | boolean | undefined>>;

export function urlOf(entry: Pick<RouteContract, 'path'>, params: Values | undefined, query: Values | undefined): string {
  const path = entry.path.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params?.[name] ?? '')));
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

const BROKEN_OFF = Symbol('broken off');
const NOT_JSON = Symbol('not JSON');

/**
 * A response's body as the entry's schema outputs it, or the ApiFailure it stands for. A success whose
 * body broke off (the connection dropped mid-answer) is no answer at all: offline, to be tried again. A
 * success that is not JSON (a captive portal's login page, a proxy's notice) or not of the route's shape
 * is 'unexpected': the app keeps everything it has and says the server answered something unexpected.
 */
export async function answerFor<R extends RouteContract>(entry: R, response: Response): Promise<ResponseOf<R>> {
  const body = await readJson(response);
  if (response.ok) {
    if (body === BROKEN_OFF) throw new ApiFailure('offline', response.status, 'answer_broken_off', 'The answer from the server was cut off.');
    if (body === NOT_JSON || typeof entry.response === 'string') throw unexpected(response.status, `${entry.method} ${entry.path} answered ${response.headers.get('content-type') ?? 'no content type'}`);
    const parsed = v.safeParse(entry.response, body);
    if (!parsed.success) {
      const first = parsed.issues[0];
      throw unexpected(response.status, `${entry.method} ${entry.path}: ${(first?.path ?? []).map((p) => String(p.key)).join('.') || '(body)'}: ${first?.message ?? ''}`);
    }
    return parsed.output as ResponseOf<R>;
  }
  const error = isErrorBody(body) ? body.error : undefined;
  const code = error?.code ?? 'http_error';
  const message = error?.message ?? `The server answered ${response.status}.`;
  if (response.status === 401) throw new ApiFailure('signed-out', 401, code, message, [], error?.params ?? {});
  // A proxy's 502/503/504 while the server restarts means "try later", like being offline.
  throw new ApiFailure(response.status >= 500 ? 'server' : 'refused', response.status, code, message, error?.issues ?? [], error?.params ?? {});
}

/** `detail` names the route and the fault, for the console and bug reports; people see the translated text. */
function unexpected(status: number, detail: string): ApiFailure {
  return new ApiFailure('unexpected', status, 'unexpected_answer', `The server answered something unexpected (${detail}). Nothing on this device was changed.`);
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as { error?: { message?: unknown } }).error?.message === 'string';
}

/**
 * The parsed body; undefined when empty; BROKEN_OFF when the body cannot be read or is JSON cut short;
 * NOT_JSON when the body is whole but of another type (HTML, text).
 */
async function readJson(response: Response): Promise<unknown> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return BROKEN_OFF;
  }
  if (text === '') return undefined;
  const type = response.headers.get('content-type') ?? '';
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return /json/i.test(type) ? BROKEN_OFF : NOT_JSON;
  }
}
