import * as v from 'valibot';
import { FormShape } from './load-shape.ts';

/** Where the form breaks the shape (load-shape.ts), each fault at a JSON Pointer into the author's file. */
export function shapeFaults(input: unknown): { path: string; message: string }[] {
  const result = v.safeParse(FormShape, input);
  if (result.success) return [];
  return result.issues.map((issue) => {
    const keys = (issue.path ?? []).map((step) => String(step.key).replaceAll('~', '~0').replaceAll('/', '~1'));
    return { path: keys.length === 0 ? '/' : `/${keys.join('/')}`, message: `does not match forms/schema.json: ${issue.message}` };
  });
}
