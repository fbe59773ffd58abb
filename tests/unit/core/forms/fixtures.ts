// Shared test material: a small valid form that each test breaks in one place, and the shipped forms.
import { readFileSync, readdirSync } from 'node:fs';
import { loadForm, type LoadOptions } from '../../../../src/core/forms/load-form.ts';
import { readStandards } from '../../../../src/core/forms/standards.ts';
import type { Form } from '../../../../src/core/forms/types.ts';

export type Json = Record<string, unknown>;

export const FORMS_FOLDER = new URL('../../../../forms/', import.meta.url);

export function text(en: string): Json {
  return { en, ru: `ru ${en}` };
}

/** A small form using every feature once: scale with details and source, a constraint, a repeat, an attachment. */
export function smallForm(): Json {
  return {
    id: 'mini',
    version: 1,
    level: 'hearing',
    languages: ['en', 'ru'],
    title: text('Mini'),
    sections: [
      {
        id: 'main',
        title: text('Main'),
        items: [
          {
            id: 'admitted',
            type: 'scale',
            label: text('Were monitors admitted?'),
            concern: { when: { in: ['no', 'partly'] }, rights: ['iccpr-14-1'], severity: 'high' },
            details: true,
            source: true,
          },
          { id: 'refused', type: 'integer', min: 0, max: 100, label: text('How many refused?'), relevant: { field: 'admitted', in: ['no', 'partly'] } },
          { id: 'start', type: 'time', label: text('Start') },
          {
            id: 'end',
            type: 'time',
            label: text('End'),
            constraints: [{ invalidWhen: { lt: { field: 'start' } }, message: text('End before start') }],
          },
          {
            id: 'restraint',
            type: 'multiple',
            label: text('Restraint'),
            choices: [
              { value: 'none', label: text('None') },
              { value: 'cage', label: text('Cage') },
            ],
            concern: { when: { in: ['cage'] }, rights: ['iccpr-14-2'], severity: 'medium', words: ['restraint_why'] },
          },
          { id: 'restraint_why', type: 'text', maxLength: 20, label: text('Why?'), relevant: { field: 'restraint', in: ['cage'] } },
          {
            id: 'rows',
            type: 'repeat',
            max: 3,
            label: text('Witnesses'),
            items: [
              { id: 'code', type: 'text', required: true, maxLength: 10, label: text('Code') },
              {
                id: 'present',
                type: 'scale',
                label: text('Present before testifying?'),
                concern: { when: { in: ['yes'] }, rights: ['iccpr-14-3-e'], severity: 'medium' },
                details: true,
              },
              { id: 'objected', type: 'scale', label: text('Objection?'), relevant: { field: 'present', equals: 'yes' } },
              { id: 'refusals_noted', type: 'longtext', label: text('Refusals'), relevant: { field: 'refused', gt: 0 } },
            ],
          },
          { id: 'files', type: 'attachment', accept: ['photo', 'document'], max: 2, label: text('Files') },
          { id: 'note', type: 'note', label: text('Facts, not conclusions') },
        ],
      },
    ],
  };
}

export const KNOWN_RIGHTS: ReadonlySet<string> = new Set(['iccpr-14-1', 'iccpr-14-2', 'iccpr-14-3-e']);

/** Loads a form that must be valid, failing the test with its faults otherwise. */
export function mustLoad(input: unknown, options: LoadOptions = { knownRights: KNOWN_RIGHTS }): Form {
  const result = loadForm(input, options);
  if (!result.ok) throw new Error(`form did not load:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`);
  return result.form;
}

export function readJson(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, FORMS_FOLDER), 'utf8')) as unknown;
}

export const SHIPPED_FORM_FILES: readonly string[] = readdirSync(FORMS_FOLDER)
  .filter((f) => f.endsWith('.json') && f !== 'schema.json' && f !== 'standards.json')
  .sort();

export const STANDARDS = readStandards(readJson('standards.json'));

export function shippedForm(file: string): Form {
  return mustLoad(readJson(file), { knownRights: new Set(STANDARDS.rights.map((r) => r.id)) });
}

/** Sets a value at a slash path inside a deep copy of a JSON document (test-only; creates nothing). */
export function patched(document: Json, path: string, value: unknown): Json {
  const copy = structuredClone(document);
  const parts = path.split('/').filter((p) => p !== '');
  const last = parts.pop();
  let node: unknown = copy;
  for (const part of parts) node = Array.isArray(node) ? node[Number(part)] : (node as Json)[part];
  if (last === undefined) throw new Error('empty path');
  if (Array.isArray(node)) node[Number(last)] = value;
  else if (value === undefined) Reflect.deleteProperty(node as Json, last);
  else (node as Json)[last] = value;
  return copy;
}
