import * as v from 'valibot';
import { describeIssues } from '../../core/sync/protocol.ts';
import { ApiError } from '../errors.ts';

/** Parses a request part with a shared schema; on failure a 400 that names every fault, and nothing is stored. */
export function parseInput<const S extends v.GenericSchema>(schema: S, input: unknown, what = 'request'): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = describeIssues(result.issues);
  const first = issues[0];
  throw new ApiError(400, 'invalid_input', `The ${what} is not valid${first === undefined ? '' : `: ${first.path}: ${first.message}`}.`, issues);
}
