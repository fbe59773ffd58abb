import { toJsonSchema, type JsonSchema } from '@valibot/to-json-schema';
import { FormShape, isUniqueEntries, SHAPE_DEFINITIONS } from './load-shape.ts';

/**
 * forms/schema.json as load-shape.ts defines it (`npm run forms:schema` writes it, forms:check compares).
 * Kept apart from the loader so that the converter, a build-time tool, never reaches the app's bundle.
 */
export function formJsonSchema(): JsonSchema {
  const generated = toJsonSchema(FormShape, {
    target: 'draft-2020-12',
    definitions: SHAPE_DEFINITIONS,
    // Anything the converter cannot express must fail here rather than be left out of the editor's schema.
    errorMode: 'throw',
    overrideAction: ({ valibotAction, jsonSchema }) => (isUniqueEntries(valibotAction) ? { ...jsonSchema, uniqueItems: true } : undefined),
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: 'Trial Monitor form',
    description: 'A checklist form. See forms/README.md. Generated from src/core/forms/load-shape.ts by `npm run forms:schema`; do not edit. `npm run forms:check` checks what a schema cannot: references, cycles, rights, translations.',
    ...rest,
  };
}

/** The file's text: stable key order and a final newline, so a regenerated file differs only when the shape does. */
export function formJsonSchemaText(): string {
  return `${JSON.stringify(formJsonSchema(), null, 2)}\n`;
}
