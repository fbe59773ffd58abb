import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { formJsonSchema, formJsonSchemaText } from '../../../../src/core/forms/form-json-schema.ts';
import { loadForm } from '../../../../src/core/forms/load-form.ts';
import { shapeFaults } from '../../../../src/core/forms/load-shape-faults.ts';
import { FORMS_FOLDER, KNOWN_RIGHTS, patched, readJson, SHIPPED_FORM_FILES, smallForm, text, type Json } from './fixtures.ts';

const ITEMS = '/sections/0/items';
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true }).compile(formJsonSchema() as object);

/** smallForm with a top-level date item appended to its section, for the role cases. */
function withDate(extra: Json = {}): Json {
  const form = smallForm();
  return patched(form, `${ITEMS}/9`, { id: 'day', type: 'date', label: text('Day'), ...extra });
}

/** Forms the schema must accept and forms it must refuse, each for one reason an editor would underline. */
const ACCEPTED: Record<string, Json> = {
  'the small fixture': smallForm(),
  'a date item with the hearing-date role': withDate({ role: 'hearing_date' }),
  'a condition without field in a concern rule': patched(smallForm(), `${ITEMS}/0/concern/when`, { equals: 'no' }),
};
const REFUSED: Record<string, Json> = {
  'an unknown item property': patched(smallForm(), `${ITEMS}/0/colour`, 'red'),
  'a property of another item type': patched(smallForm(), `${ITEMS}/2/choices`, []),
  'a role on a text item': patched(smallForm(), `${ITEMS}/5/role`, 'hearing_date'),
  'a role that does not exist': withDate({ role: 'judgment_date' }),
  'two operators in one condition': patched(smallForm(), `${ITEMS}/1/relevant`, { field: 'admitted', in: ['no'], equals: 'no' }),
  'a count of rows that is not whole': patched(smallForm(), `${ITEMS}/0/concern/when`, { count: 'rows', where: { field: 'present', equals: 'yes' }, gte: 1.5 }),
  'a language listed twice': patched(smallForm(), '/languages', ['en', 'ru', 'en']),
  'a blank label': patched(smallForm(), `${ITEMS}/2/label/en`, '   '),
  'the reserved row id': patched(smallForm(), `${ITEMS}/2/id`, '_row'),
  'version 0': patched(smallForm(), '/version', 0),
  'an attachment kind listed twice': patched(smallForm(), `${ITEMS}/7/accept`, ['photo', 'photo']),
  'an unknown built-in text': patched(smallForm(), '/builtInText', { ky: { greeting: 'Салам' } }),
  'a section without items': patched(smallForm(), '/sections/0/items', []),
};

describe('forms/schema.json, generated from the loader\'s shape', () => {
  it('is current: the file is exactly what `npm run forms:schema` writes', () => {
    expect(readFileSync(new URL('schema.json', FORMS_FOLDER), 'utf8')).toBe(formJsonSchemaText());
  });

  it.each(SHIPPED_FORM_FILES)('accepts %s, and so does the shape the loader checks', (file) => {
    expect(validate(readJson(file)), JSON.stringify(validate.errors)).toBe(true);
    expect(shapeFaults(readJson(file))).toEqual([]);
  });

  it.each(Object.entries(ACCEPTED))('accepts %s, like the loader', (_name, form) => {
    expect(validate(form), JSON.stringify(validate.errors)).toBe(true);
    expect(shapeFaults(form)).toEqual([]);
    expect(loadForm(form, { knownRights: KNOWN_RIGHTS }).ok).toBe(true);
  });

  it.each(Object.entries(REFUSED))('refuses %s, like the shape and the loader', (_name, form) => {
    expect(validate(form)).toBe(false);
    expect(shapeFaults(form)).not.toEqual([]);
    expect(loadForm(form, { knownRights: KNOWN_RIGHTS }).ok).toBe(false);
  });

  it('locates a shape fault with a JSON Pointer into the author\'s file', () => {
    const faults = shapeFaults(patched(patched(smallForm(), '/version', 0), '/sections/0/title/en', 7));
    expect(faults.map((f) => f.path)).toEqual(['/version', '/sections/0/title/en']);
    expect(faults.every((f) => f.message.startsWith('does not match forms/schema.json: '))).toBe(true);
  });

  it.each(SHIPPED_FORM_FILES)('loads %s published (the shape pass left out, as on a device) into the same form', (file) => {
    expect(loadForm(readJson(file), { published: true })).toEqual(loadForm(readJson(file)));
  });
});
