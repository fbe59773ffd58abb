import { describe, expect, it } from 'vitest';
import { describeFinding } from '../../../../src/core/export/finding-text.ts';
import { evaluateForm } from '../../../../src/core/forms/evaluate.ts';
import { computeFindings } from '../../../../src/core/forms/findings.ts';
import { FACT_SOURCE_KINDS, type Form, type Item } from '../../../../src/core/forms/types.ts';
import { SHIPPED_FORM_FILES, shippedForm } from './fixtures.ts';

const hearing = shippedForm('hearing.json');
const allItems = (form: Form): Item[] => form.sections.flatMap((s) => s.items.flatMap((i) => (i.type === 'repeat' ? [i, ...i.items] : [i])));

/**
 * "How do you know" with "said in court (by whom, as a role)" and "a public source" as choices (issue 13).
 * hearing@4 asks it as its own question; hearing@3 and older keep the built-in three choices unchanged.
 */
describe('how the monitor knows', () => {
  it('carries "said in court" and its role into the finding, in the observers\' words and in Russian', () => {
    const answers = { hearing_date: '2026-11-20', file_access: 'no', file_access_how_known: 'court', file_access_how_known_role: 'defence lawyer' };
    const [finding] = computeFindings(hearing, answers).filter((f) => f.itemId === 'file_access');
    expect(finding?.source).toEqual({ kind: 'court', role: 'defence lawyer' });
    expect(finding === undefined ? undefined : describeFinding(hearing, answers, finding, 'en').howKnown).toBe('said in court (defence lawyer)');
    expect(finding === undefined ? undefined : describeFinding(hearing, answers, finding, 'ru').howKnown).toBe('прозвучало в судебном заседании (defence lawyer)');
  });

  it('carries "a public source" without a role, and asks the role only for what was said or told', () => {
    const answers = { hearing_date: '2026-11-20', file_access: 'no', file_access_how_known: 'public', file_access_how_known_role: 'journalist' };
    const state = evaluateForm(hearing, answers);
    expect(state.hidden.has('file_access_how_known_role')).toBe(true);
    expect(computeFindings(hearing, answers).find((f) => f.itemId === 'file_access')?.source).toEqual({ kind: 'public' });
    expect(describeFinding(hearing, answers, computeFindings(hearing, answers).find((f) => f.itemId === 'file_access') ?? { path: '', itemId: '', rights: [], severity: 'low', answer: '', words: [] }, 'ru').howKnown).toBe('открытый источник');
  });

  it('blocks finalising until the monitor says how they know, once the item is answered', () => {
    const issues = evaluateForm(hearing, { hearing_date: '2026-11-20', monitors_admitted: 'yes', file_access: 'no' }).issues.map((i) => i.path);
    expect(issues).toContain('file_access_how_known');
    expect(evaluateForm(hearing, { hearing_date: '2026-11-20', monitors_admitted: 'yes', file_access: 'no', file_access_how_known: 'saw' }).issues.map((i) => i.path)).not.toContain('file_access_how_known');
  });

  it('every "how do you know" of the shipped forms offers exactly the known kinds, right after its item', () => {
    for (const file of SHIPPED_FORM_FILES) {
      const items = allItems(shippedForm(file));
      items.forEach((item, at) => {
        if (!item.id.endsWith('_how_known')) return;
        expect(item.type === 'single' && item.choices.map((c) => c.value), `${file} ${item.id}`).toEqual([...FACT_SOURCE_KINDS]);
        const owner = item.id.slice(0, -'_how_known'.length);
        const before = items.slice(0, at).map((i) => i.id);
        expect(before, `${file} ${item.id}`).toContain(owner);
      });
    }
  });

  it('leaves hearing@3 as published: its built-in question offers saw, file and told', () => {
    const v3 = shippedForm('hearing@3.json');
    const source = allItems(v3).find((i) => i.id === 'file_access_source');
    expect(v3.version).toBe(3);
    expect(source?.type === 'single' && source.choices.map((c) => c.value)).toEqual(['saw', 'file', 'told']);
    const answers = { file_access: 'no', file_access_source: 'told', file_access_source_role: 'relative' };
    expect(computeFindings(v3, answers).find((f) => f.itemId === 'file_access')?.source).toEqual({ kind: 'told', role: 'relative' });
  });
});
