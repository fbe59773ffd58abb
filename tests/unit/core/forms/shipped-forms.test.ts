import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { conditionFields } from '../../../../src/core/forms/conditions.ts';
import { evaluateForm } from '../../../../src/core/forms/evaluate.ts';
import { loadForm } from '../../../../src/core/forms/load-form.ts';
import type { Form, Item, LocalizedText } from '../../../../src/core/forms/types.ts';
import { readJson, SHIPPED_FORM_FILES, shippedForm, STANDARDS } from './fixtures.ts';

const forms = SHIPPED_FORM_FILES.map((file) => ({ file, form: shippedForm(file) }));
const hearing = shippedForm('hearing.json');

function allItems(form: Form): Item[] {
  return form.sections.flatMap((s) => s.items.flatMap((i) => (i.type === 'repeat' ? [i, ...i.items] : [i])));
}
const authored = (form: Form): Item[] => allItems(form).filter((i) => i.companionOf === undefined);

describe('the shipped forms', () => {
  it('are the six checklist levels, the newest version of each in <id>.json and every older one kept as <id>@<version>.json', () => {
    const newest = forms.filter(({ file }) => !file.includes('@'));
    expect(newest.map(({ file, form }) => [file, form.level, form.version])).toEqual([
      ['case-file.json', 'case', 2],
      ['hearing.json', 'hearing', 4],
      ['incident.json', 'incident', 2],
      ['interview.json', 'interview', 1],
      ['judgment-appeal.json', 'judgment', 2],
      ['pretrial-detention.json', 'detention', 2],
    ]);
    for (const { file, form } of newest) expect(file).toBe(`${form.id}.json`);
    const older = forms.filter(({ file }) => file.includes('@'));
    for (const { file, form } of older) expect(file).toBe(`${form.id}@${form.version}.json`);
    for (const { form } of newest) {
      const kept = older.filter((o) => o.form.id === form.id).map((o) => o.form.version);
      expect(kept).toEqual(Array.from({ length: form.version - 1 }, (_, i) => i + 1));
    }
  });

  it.each(forms)('$file is in English and Russian, with every text in both', ({ form }) => {
    expect(form.languages).toEqual(['en', 'ru']);
    const texts: LocalizedText[] = [form.title, ...form.sections.map((s) => s.title)];
    for (const item of allItems(form)) {
      texts.push(item.label);
      if (item.help !== undefined) texts.push(item.help);
      if (item.type === 'single' || item.type === 'multiple') texts.push(...item.choices.map((c) => c.label));
      texts.push(...(item.constraints ?? []).map((c) => c.message));
    }
    for (const text of texts) {
      expect(Object.keys(text).sort()).toEqual(['en', 'ru']);
      for (const value of Object.values(text)) expect(value.trim()).not.toBe('');
    }
  });

  it.each(forms.filter(({ file }) => !file.includes('@')))('$file has no English word left in its Russian texts (person codes such as D1 aside)', ({ form }) => {
    const russian: string[] = [form.title['ru'] ?? '', ...form.sections.map((s) => s.title['ru'] ?? '')];
    for (const item of allItems(form)) {
      russian.push(item.label['ru'] ?? '', item.help?.['ru'] ?? '');
      if (item.type === 'single' || item.type === 'multiple') russian.push(...item.choices.map((c) => c.label['ru'] ?? ''));
      russian.push(...(item.constraints ?? []).map((c) => c.message['ru'] ?? ''));
    }
    expect(russian.filter((text) => /[A-Za-z]{2,}/.test(text.replace(/\b[A-Z]\d+\b/g, '')))).toEqual([]);
  });

  it.each(forms)('$file uses only rights the catalogue explains', ({ form }) => {
    const known = new Set(STANDARDS.rights.map((r) => r.id));
    for (const item of allItems(form)) for (const right of item.concern?.rights ?? []) expect(known).toContain(right);
  });

  it('every universal right in the catalogue is tested by some question of the newest forms, every regional one through the rights it corresponds to', () => {
    const newest = forms.filter(({ file }) => !file.includes('@'));
    const used = new Set(newest.flatMap(({ form }) => allItems(form).flatMap((i) => i.concern?.rights ?? [])));
    const untested = STANDARDS.rights.filter((r) => (r.corresponds === undefined ? !used.has(r.id) : !r.corresponds.some((id) => used.has(id))));
    expect(untested.map((r) => r.id)).toEqual([]);
    for (const right of STANDARDS.rights.filter((r) => r.region !== undefined)) expect(used).not.toContain(right.id);
  });
});

describe('the standards catalogue', () => {
  it('reads without faults, in English and Russian, with instrument, article and citation for each right', () => {
    expect(STANDARDS.errors).toEqual([]);
    for (const right of STANDARDS.rights) {
      expect(right.instrument).not.toBe('');
      expect(right.article).not.toBe('');
      expect(Object.keys(right.title).sort()).toEqual(['en', 'ru']);
      expect(Object.keys(right.citation).sort()).toEqual(['en', 'ru']);
      expect(Object.keys(right.explanation).sort()).toEqual(['en', 'ru']);
    }
  });

  it('cites every right in Russian without a Latin letter', () => {
    expect(STANDARDS.rights.filter((r) => /[A-Za-z]/.test(r.citation['ru'] ?? '')).map((r) => r.citation['ru'])).toEqual([]);
    expect(STANDARDS.rights.find((r) => r.id === 'iccpr-14-3-e')?.citation).toEqual({ en: 'ICCPR 14(3)(e)', ru: 'МПГПП, ст. 14(3)(д)' });
  });

  it('covers the standards the checklists rest on', () => {
    const ids = STANDARDS.rights.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'iccpr-7', 'iccpr-9-2', 'iccpr-9-3', 'iccpr-9-4', 'iccpr-14-1', 'iccpr-14-2', 'iccpr-14-3-a', 'iccpr-14-3-b', 'iccpr-14-3-c',
        'iccpr-14-3-d', 'iccpr-14-3-e', 'iccpr-14-3-f', 'iccpr-14-3-g', 'iccpr-14-4', 'iccpr-14-5', 'iccpr-15', 'cat-12', 'cat-13', 'cat-15',
        'crc-40', 'osce-copenhagen-12', 'iccpr-14-7', 'iccpr-19', 'iccpr-21', 'iccpr-22', 'bprl-7', 'bprl-8', 'crc-3', 'crc-37-b', 'vccr-36',
        'echr-3', 'echr-5', 'echr-6',
      ]),
    );
  });
});

describe('the hearing form', () => {
  it('is hearing@4 with more than 150 questions, counting those inside repeats', () => {
    expect([hearing.id, hearing.version]).toEqual(['hearing', 4]);
    expect(authored(hearing).filter((i) => i.type !== 'note' && i.type !== 'repeat').length).toBeGreaterThan(150);
  });

  it('keeps the items the end-to-end test fills, with their types', () => {
    const items = new Map(allItems(hearing).map((i) => [i.id, i]));
    expect(items.get('hearing_date')).toMatchObject({ type: 'date', required: true });
    expect(items.get('monitors_admitted')).toMatchObject({ type: 'scale', required: true });
    expect(items.get('summary_text')?.type).toBe('longtext');
    const witnesses = items.get('witness_rows');
    expect(witnesses?.type).toBe('repeat');
    expect(witnesses?.type === 'repeat' && witnesses.items.find((i) => i.id === 'witness_code')).toMatchObject({ type: 'text', required: true });
  });

  it('requires nothing else, so a quick report can be finalised', () => {
    // "How do you know?" is required too, as the built-in companion is, but only once its item is answered.
    const required = authored(hearing).filter((i) => i.required && !i.id.endsWith('_how_known'));
    expect(required.map((i) => i.id).sort()).toEqual(['hearing_date', 'monitors_admitted', 'witness_code']);
    const quick = { hearing_date: '2024-05-02', monitors_admitted: 'yes', witness_rows: [{ _row: 'w1', witness_code: 'W1' }], summary_text: 'Short hearing.' };
    expect(evaluateForm(hearing, quick).issues).toEqual([]);
  });

  it('asks which stages the hearing reached, with the option ids the app hides sections by', () => {
    const stages = hearing.sections[0]?.items.find((i) => i.id === 'stages');
    expect(stages?.type === 'multiple' && stages.choices.map((c) => c.value)).toEqual(['preparatory', 'evidence', 'closing_arguments', 'last_word', 'verdict', 'adjourned']);
  });

  it('covers every section of the checklist', () => {
    expect(hearing.sections.map((s) => s.id)).toEqual([
      'details', 'public_access', 'independence', 'presumption', 'charges', 'time_facilities', 'counsel', 'interpreter',
      'equality_of_arms', 'witnesses', 'torture', 'evidence', 'silence', 'closing', 'presence_delay', 'juveniles', 'courtroom', 'summary',
    ]);
  });

  it('records witnesses, evidence, motions and incidents as repeat rows; asks once per hearing whether witnesses were sent out, per witness whether they heard others', () => {
    const repeats = new Map(hearing.sections.flatMap((s) => s.items).flatMap((i) => (i.type === 'repeat' ? [[i.id, i.items.map((x) => x.id)] as const] : [])));
    expect([...repeats.keys()]).toEqual(expect.arrayContaining(['witness_rows', 'evidence_rows', 'evidence_requests', 'motion_rows', 'incident_rows', 'allegation_rows']));
    expect(repeats.get('witness_rows')).toEqual(expect.arrayContaining(['heard_other_testimony', 'separation_objected', 'separation_objection_ruling']));
    expect(repeats.get('witness_rows')).not.toContain('witnesses_sent_out');
    expect(hearing.sections.find((s) => s.id === 'witnesses')?.items.map((i) => i.id)).toContain('witnesses_sent_out');
    expect(repeats.get('evidence_rows')).toEqual(expect.arrayContaining(['evidence_presented', 'defence_could_challenge', 'exclusion_ruling']));
  });

  it("offers the judge's responses to a torture allegation as multiple choice, and asks what came of a referral", () => {
    const items = new Map(allItems(hearing).map((i) => [i.id, i]));
    const response = items.get('judge_response');
    expect(response?.type === 'multiple' && response.choices.map((c) => c.value)).toEqual([
      'ignored', 'noted_only', 'dismissed_as_defence', 'referred_prosecutor', 'medical_exam', 'postponed_check', 'statement_excluded', 'relied_on_statement', 'other',
    ]);
    expect(items.get('referral_body')?.relevant).toEqual({ kind: 'in', field: 'judge_response', values: ['referred_prosecutor'] });
    expect(items.get('referral_outcome')?.relevant).toEqual({ kind: 'in', field: 'judge_response', values: ['referred_prosecutor'] });
  });

  it('every scale question tests a standard, unless it only opens follow-up questions', () => {
    const gates = new Set(allItems(hearing).flatMap((i) => (i.relevant === undefined ? [] : conditionFields(i.relevant))));
    const untested = authored(hearing).filter((i) => i.type === 'scale' && i.concern === undefined && !gates.has(i.id));
    expect(untested.map((i) => i.id)).toEqual([]);
  });

  it('asks how the monitor knows where it matters, but not after a plain No', () => {
    const items = new Map(allItems(hearing).map((i) => [i.id, i]));
    for (const id of ['interpreter_present', 'private_consultation', 'statement_used', 'request_outcome', 'refused_count', 'defence_witnesses_refused']) {
      const known = items.get(`${id}_how_known`);
      // hearing@4 asks it itself, with "said in court" and "a public source" among the choices (issue 13).
      expect(known?.type === 'single' && known.choices.map((c) => c.value), id).toEqual(['saw', 'file', 'court', 'told', 'public']);
      expect(known?.required, id).toBe(true);
      // Its own condition, joined with the section's where the section has one.
      expect(JSON.stringify(items.get(`${id}_how_known_role`)?.relevant), id).toContain(JSON.stringify({ kind: 'in', field: `${id}_how_known`, values: ['court', 'told'] }));
    }
    const hidden = (answers: Record<string, string>): boolean => evaluateForm(hearing, answers).hidden.has(`${Object.keys(answers)[0] ?? ''}_how_known`);
    expect(hidden({ torture_allegation: 'no' })).toBe(true);
    expect(hidden({ torture_allegation: 'yes' })).toBe(false);
    expect(hidden({ judge_prosecution_contact: 'no' })).toBe(true);
    expect(hidden({ judge_prosecution_contact: 'partly' })).toBe(false);
    // Here No is the concern: how the monitor knows the defence had no access matters.
    expect(hidden({ file_access: 'no' })).toBe(false);
  });

  it('asks how the monitor knows about torture allegations and access to the file', () => {
    const items = new Map(allItems(hearing).map((i) => [i.id, i]));
    expect(items.get('torture_allegation_how_known')?.type).toBe('single');
    expect(items.get('file_access_how_known')?.type).toBe('single');
    // Not observed is nothing to source.
    expect(evaluateForm(hearing, { file_access: 'not_observed' }).hidden.has('file_access_how_known')).toBe(true);
  });
});

describe('the interview form', () => {
  const interview = shippedForm('interview.json');

  it('hides the whole record unless the person consented', () => {
    const hidden = evaluateForm(interview, { consent_interview: 'no' }).hidden;
    expect(interview.sections.slice(1).every((s) => s.items.every((i) => hidden.has(i.id)))).toBe(true);
  });

  it('will not finalise until the monitor explained how to withdraw consent', () => {
    const answers = { consent_interview: 'yes', consent_how: 'oral', consent_named: 'role_only', consent_visibility: 'coordinator', interviewee_code: 'P1', interview_date: '2024-05-02' };
    expect(evaluateForm(interview, { ...answers, withdrawal_explained: 'yes' }).issues).toEqual([]);
    expect(evaluateForm(interview, { ...answers, withdrawal_explained: 'no' }).issues.map((i) => i.code)).toEqual(['constraint']);
  });
});

describe('forms/schema.json', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  const validate = ajv.compile(readJson('schema.json') as object);

  it.each(SHIPPED_FORM_FILES)('accepts %s', (file) => {
    expect(validate(readJson(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('flags what an editor should underline while typing', () => {
    const form = structuredClone(readJson('incident.json')) as { sections: { items: Record<string, unknown>[] }[] };
    const first = form.sections[0]?.items[0];
    if (first === undefined) throw new Error('incident form has no items');
    first['colour'] = 'red';
    expect(validate(form)).toBe(false);
    expect(loadForm(form).ok).toBe(false);
  });
});
