import * as v from 'valibot';
import { apiError, type Issue } from '../errors.ts';

/** Valibot's issues as the API's list: where, the English message of the schema, and the kind of fault (its issue type). */
function describe(issues: readonly v.BaseIssue<unknown>[]): Issue[] {
  return issues.map((issue) => ({
    path: (issue.path ?? []).map((p) => String(p.key)).join('.') || '(body)',
    message: issue.message,
    code: issue.type,
  }));
}

/** Parses a request part with a shared schema; on failure a 400 (invalid_input) that names every fault, and nothing is stored. */
export function parseInput<const S extends v.GenericSchema>(schema: S, input: unknown, what = 'request'): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = describe(result.issues);
  const first = issues[0];
  throw apiError('invalid_input', { part: what, path: first?.path ?? '(body)', issue: first?.message ?? 'not valid' }, issues);
}
