/**
 * What one API route is, as data: its method, its path, the schemas of what it reads (path parameters,
 * query string, body) and of what it answers. The server registers routes from these entries and, in
 * tests, checks every answer against them; the app's client builds its calls from them and checks the
 * answers it depends on. See contract.ts for the table and docs/architecture.md "The contract".
 */
import type * as v from 'valibot';

export type Method = 'GET' | 'POST' | 'PUT';

/** A body or an answer of raw bytes (an attachment's chunk or file), not JSON. */
export const BYTES = 'bytes';
export type Bytes = typeof BYTES;

export interface RouteContract {
  readonly method: Method;
  /** Fastify's pattern: `:name` marks a path parameter, which `params` must name. */
  readonly path: `/api/${string}`;
  readonly params?: v.GenericSchema;
  readonly query?: v.GenericSchema;
  /** Absent: the route reads no body (a POST then takes `{}`, the client's default). */
  readonly body?: v.GenericSchema | Bytes;
  readonly response: v.GenericSchema | Bytes;
  /**
   * 'anyone': the route answers callers who are not signed in (health, sign-in, enrolment, a new
   * person's invitation). Every other route asks for sign-in (401) before it reads the request.
   */
  readonly caller?: 'anyone';
  /** Short words for the 400 a bad request gets ("The <what> is not valid"). */
  readonly what: string;
}

/** Keeps an entry's literal types (the schemas' own types) while checking it is a RouteContract. */
export const route = <const R extends RouteContract>(entry: R): R => entry;

/**
 * What a handler may return for a schema's input: the same shape, with every array and object allowed
 * to be read-only, so that values built as `readonly` (most of the server's) fit without copying.
 */
export type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends readonly (infer E)[]
    ? readonly DeepReadonly<E>[]
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

type SchemaOutput<S> = S extends v.GenericSchema ? v.InferOutput<S> : never;

/** The parsed request a handler receives: each part as its schema outputs it (undefined when not read). */
export interface ParsedRequest<R extends RouteContract> {
  readonly params: SchemaOutput<R['params']>;
  readonly query: SchemaOutput<R['query']>;
  /** Raw bytes are passed on as they came (the handler checks them after the caller's rights). */
  readonly body: R['body'] extends Bytes ? unknown : SchemaOutput<R['body']>;
}

/** What a handler of the route answers with (a JSON route), as the response schema's input. */
export type ResponseInput<R extends RouteContract> = R['response'] extends v.GenericSchema ? DeepReadonly<v.InferInput<R['response']>> : never;
/** What the app gets from a JSON route, as the response schema's output. */
export type ResponseOf<R extends RouteContract> = SchemaOutput<R['response']>;

// Read-only values fit too: the app passes what it keeps (read-only records from its database) as they are.
type Part<K extends string, S> = S extends v.GenericSchema
  ? // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- "a request without this part fits the schema": the empty object is the point
    {} extends v.InferInput<S>
    ? { readonly [P in K]?: DeepReadonly<v.InferInput<S>> }
    : { readonly [P in K]: DeepReadonly<v.InferInput<S>> }
  : { readonly [P in K]?: never };

/**
 * A byte body as the app holds it: bytes, or a browser Blob (a slice of an attachment). Described by
 * shape, because src/core compiles without the DOM's types; the app's Blob fits it.
 */
export type ByteBody = Uint8Array | { readonly size: number; readonly type: string; arrayBuffer(): Promise<ArrayBuffer> };

/** What the app passes to call a route: the parts its entry declares, each as its schema's input. */
export type CallInput<R extends RouteContract> = Part<'params', R['params']> &
  Part<'query', R['query']> &
  (R['body'] extends Bytes ? { readonly body: ByteBody } : Part<'body', R['body']>);

