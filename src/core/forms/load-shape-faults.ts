import * as v from 'valibot';
import { inputIssue } from '../api/input-issues.ts';
import { formatFormFault, type FormFaultParams } from './load-faults.ts';
import type { FormFault } from './load-form.ts';
import { FormShape } from './load-shape.ts';

/**
 * Where the form breaks the shape (load-shape.ts), each fault at a JSON Pointer into the author's file,
 * by the input fault's kind and limits (src/core/api/input-issues.ts) as `kind` with its parameters.
 */
export function shapeFaults(input: unknown): FormFault[] {
  const result = v.safeParse(FormShape, input);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const keys = (issue.path ?? []).map((step) => String(step.key).replaceAll('~', '~0').replaceAll('/', '~1'));
    const kind = inputIssue(issue);
    const params: FormFaultParams = { ...kind.params, kind: kind.code };
    return { path: keys.length === 0 ? '/' : `/${keys.join('/')}`, code: 'not_as_schema', params, message: formatFormFault('not_as_schema', params) };
  });
}
