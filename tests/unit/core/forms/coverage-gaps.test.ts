import { describe, expect, it } from 'vitest';
import type { Form, Item } from '../../../../src/core/forms/types.ts';
import { shippedForm } from './fixtures.ts';

const ids = (form: Form): Set<string> => new Set(form.sections.flatMap((s) => s.items.flatMap((i: Item) => (i.type === 'repeat' ? [i.id, ...i.items.map((x) => x.id)] : [i.id]))));
const hearing = ids(shippedForm('hearing.json'));
const detention = ids(shippedForm('pretrial-detention.json'));
const judgment = ids(shippedForm('judgment-appeal.json'));

/**
 * Issue 13's "coverage gaps", one line each: the newest checklists ask about every one of them, so a
 * later version cannot drop a topic unnoticed. (What each question flags is in calibration.test.ts.)
 */
describe('the coverage gaps the expert review named', () => {
  it.each([
    ['gender of defendants and witnesses, and gender-sensitive handling', hearing, ['defendants_gender', 'witness_gender', 'gender_insensitive']],
    ['closing arguments and the last word', hearing, ['closing_cut_short', 'last_word']],
    ['the trial record and objections to it', hearing, ['record_objection']],
    ['replacement of the judge', hearing, ['judge_replaced', 'replacement_restarted']],
    ['special or military courts', hearing, ['court_kind', 'civilian_in_special_court']],
    ['reasons and proportionality of the sentence against what the prosecution asked', judgment, ['sentence_reasons', 'prosecution_asked']],
    ['publication of the judgment', judgment, ['judgment_published']],
    ['consular notice', detention, ['consul_informed']],
    ['counsel from the first hour', detention, ['lawyer_from_arrest']],
    ['juveniles in the detention form (24 hours, CRC 37(b))', detention, ['detainee_juvenile', 'hours_to_judge', 'juvenile_last_resort']],
    ['juveniles in the judgment form', judgment, ['juvenile_involved', 'juvenile_last_resort']],
    ['child witnesses', hearing, ['child_witness_protected']],
  ] as const)('%s', (_topic, form, expected) => {
    for (const id of expected) expect(form.has(id), id).toBe(true);
  });
});
