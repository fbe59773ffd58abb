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
  it('are the six checklist levels, each in a file named after its id, older versions kept as id@version', () => {
    expect(forms.map(({ file, form }) => [file, form.level, form.version])).toEqual([
      ['case-file.json', 'case', 1],
      ['hearing.json', 'hearing', 2],
      ['hearing@1.json', 'hearing', 1],
      ['incident.json', 'incident', 1],
      ['interview.json', 'interview', 1],
      ['judgment-appeal.json', 'judgment', 1],
      ['pretrial-detention.json', 'detention', 1],
    ]);
    for (const { file, form } of forms) expect([`${form.id}.json`, `${form.id}@${form.version}.json`]).toContain(file);
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

  it.each(forms)('$file uses only rights the catalogue explains', ({ form }) => {
    const known = new Set(STANDARDS.rights.map((r) => r.id));
    for (const item of allItems(form)) for (const right of item.concern?.rights ?? []) expect(known).toContain(right);
  });

  it('every right in the catalogue is tested by some question', () => {
    const used = new Set(forms.flatMap(({ form }) => allItems(form).flatMap((i) => i.concern?.rights ?? [])));
    expect(STANDARDS.rights.map((r) => r.id).filter((id) => !used.has(id))).toEqual([]);
  });
});

describe('the standards catalogue', () => {
  it('reads without faults, in English and Russian, with instrument and article for each right', () => {
    expect(STANDARDS.errors).toEqual([]);
    for (const right of STANDARDS.rights) {
      expect(right.instrument).not.toBe('');
      expect(right.article).not.toBe('');
      expect(Object.keys(right.title).sort()).toEqual(['en', 'ru']);
      expect(Object.keys(right.explanation).sort()).toEqual(['en', 'ru']);
    }
  });

  it('covers the standards the checklists rest on', () => {
    const ids = STANDARDS.rights.map((r) => r.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'iccpr-7', 'iccpr-9-2', 'iccpr-9-3', 'iccpr-9-4', 'iccpr-14-1', 'iccpr-14-2', 'iccpr-14-3-a', 'iccpr-14-3-b', 'iccpr-14-3-c',
        'iccpr-14-3-d', 'iccpr-14-3-e', 'iccpr-14-3-f', 'iccpr-14-3-g', 'iccpr-14-4', 'iccpr-14-5', 'iccpr-15', 'cat-12', 'cat-13', 'cat-15',
        'crc-40', 'osce-copenhagen-12',
      ]),
    );
  });
});

describe('the hearing form', () => {
  it('is hearing@2 with more than 150 questions, counting those inside repeats', () => {
    expect([hearing.id, hearing.version]).toEqual(['hearing', 2]);
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
    expect(authored(hearing).filter((i) => i.required).map((i) => i.id).sort()).toEqual(['hearing_date', 'monitors_admitted', 'witness_code']);
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
      'equality_of_arms', 'witnesses', 'torture', 'evidence', 'silence', 'presence_delay', 'juveniles', 'courtroom', 'summary',
    ]);
  });

  it('records witnesses, evidence, motions and incidents as repeat rows, with witness separation per witness', () => {
    const repeats = new Map(hearing.sections.flatMap((s) => s.items).flatMap((i) => (i.type === 'repeat' ? [[i.id, i.items.map((x) => x.id)] as const] : [])));
    expect([...repeats.keys()]).toEqual(expect.arrayContaining(['witness_rows', 'evidence_rows', 'evidence_requests', 'motion_rows', 'incident_rows', 'allegation_rows']));
    expect(repeats.get('witness_rows')).toEqual(expect.arrayContaining(['present_before_testifying', 'witnesses_sent_out', 'heard_other_testimony', 'separation_objection_ruling']));
    expect(repeats.get('evidence_rows')).toEqual(expect.arrayContaining(['evidence_presented', 'defence_could_challenge', 'exclusion_ruling']));
  });

  it("offers the judge's responses to a torture allegation", () => {
    const response = allItems(hearing).find((i) => i.id === 'judge_response');
    expect(response?.type === 'single' && response.choices.map((c) => c.value)).toEqual(
      expect.arrayContaining(['ignored', 'noted_only', 'medical_exam', 'referred_prosecutor', 'investigation_ordered', 'statement_excluded']),
    );
  });

  it('every scale question tests a standard, unless it only opens follow-up questions', () => {
    const gates = new Set(allItems(hearing).flatMap((i) => (i.relevant === undefined ? [] : conditionFields(i.relevant))));
    const untested = authored(hearing).filter((i) => i.type === 'scale' && i.concern === undefined && !gates.has(i.id));
    expect(untested.map((i) => i.id)).toEqual([]);
  });

  it('asks how the monitor knows about torture allegations and access to the file', () => {
    const items = new Map(allItems(hearing).map((i) => [i.id, i]));
    expect(items.get('torture_allegation')?.companions?.source).toBe('torture_allegation_source');
    expect(items.get('file_access')?.companions?.source).toBe('file_access_source');
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
