import * as v from 'valibot';
import { inputFaults } from '../../core/api/input-issues.ts';
import { apiError } from '../errors.ts';

/**
 * Parses a request part with a shared schema; on failure a 400 (invalid_input) that names every fault
 * by its place, its stable kind and its limits (src/core/api/input-issues.ts), the first one in the
 * error's own params too, and nothing is stored. Each fault keeps the schema's English as `message`, for
 * API users and logs; the app says the kind.
 */
export function parseInput<const S extends v.GenericSchema>(schema: S, input: unknown, what = 'request'): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (result.success) return result.output;
  const issues = inputFaults(result.issues);
  const first = issues[0];
  // The first fault's own parameters (max, min, expected) travel beside `issue`, as its words name them.
  throw apiError('invalid_input', { ...first?.params, part: what, path: first?.path ?? '(body)', issue: first?.code ?? 'not_valid' }, issues);
}
