import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../src/core/export/finding-text.ts';
import { computeFindings } from '../../../src/core/forms/findings.ts';
import { loadForm } from '../../../src/core/forms/load-form.ts';
import { COUNT_HEARING } from '../../helpers/count-fixture.ts';

const loaded = loadForm(COUNT_HEARING);
if (!loaded.ok) throw new Error('fixture form must load');
const form = loaded.form;

describe('a finding in words', () => {
  const answers = {
    restraint: ['cage'],
    witness_rows: [
      { _row: 'a', witness_code: 'W1', witness_role: 'victim', present_before: 'no' },
      { _row: 'b', present_before: 'yes', present_before_details: 'Sat in the front row.' },
      { _row: 'c', witness_code: 'W3', present_before: 'yes' },
    ],
  };
  const findings = computeFindings(form, answers);
  const text = (path: string, language = 'en') => {
    const finding = findings.find((f) => f.path === path);
    if (finding === undefined) throw new Error(`no finding at ${path}`);
    return describeFinding(form, answers, finding, language);
  };

  it('names the row by its place, code and role, and falls back to the row number alone', () => {
    expect(text('witness_rows.b.present_before')).toEqual({ question: 'Witnesses heard · Present before testifying?', about: 'Witnesses heard, row 2', answer: 'Yes', words: ['Sat in the front row.'] });
    expect(text('witness_rows.c.present_before').about).toBe('Witnesses heard, row 3: W3');
  });

  it('gives option labels, not stored values, in the language asked, and no row outside repeats', () => {
    expect(text('restraint')).toEqual({ question: 'Restraint', answer: 'Metal cage', words: [] });
    expect(text('restraint', 'ru').answer).toBe('Металлическая клетка');
    expect(text('witness_rows.b.present_before', 'ru')).toMatchObject({ about: 'Допрошенные свидетели, строка 2', answer: 'Да' });
  });
});
