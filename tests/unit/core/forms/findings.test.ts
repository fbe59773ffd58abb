import { describe, expect, it } from 'vitest';
import { computeFindings, summarizeFindings, type Finding } from '../../../../src/core/forms/findings.ts';
import { mustLoad, patched, smallForm } from './fixtures.ts';

const form = mustLoad(smallForm());

describe('computeFindings', () => {
  it('turns a problem answer into a finding with the rights, the details text and how the monitor knows', () => {
    const findings = computeFindings(form, {
      admitted: 'partly',
      admitted_details: 'Two monitors were stopped at the door.',
      admitted_source: 'told',
      admitted_source_role: ' defence lawyer ',
    });
    expect(findings).toEqual([
      {
        path: 'admitted',
        itemId: 'admitted',
        rights: ['iccpr-14-1'],
        severity: 'high',
        answer: 'partly',
        words: ['Two monitors were stopped at the door.'],
        source: { kind: 'told', role: 'defence lawyer' },
      },
    ]);
  });

  it('yields nothing for answers that raise no concern', () => {
    expect(computeFindings(form, { admitted: 'yes', restraint: ['none'], rows: [{ _row: 'r1', code: 'W1', present: 'no' }] })).toEqual([]);
  });

  it('leaves the role out when the monitor saw it, and the source out when not given', () => {
    const [saw] = computeFindings(form, { admitted: 'no', admitted_source: 'saw', admitted_source_role: 'left over' });
    expect(saw?.source).toEqual({ kind: 'saw' });
    const [unknown] = computeFindings(form, { admitted: 'no' });
    expect(unknown && 'source' in unknown).toBe(false);
  });

  it('quotes the related text items named by the rule, and a multiple choice answer whole', () => {
    const [finding] = computeFindings(form, { restraint: ['cage', 'none'], restraint_why: 'Said to be routine' });
    expect(finding).toMatchObject({ itemId: 'restraint', answer: ['cage', 'none'], words: ['Said to be routine'], severity: 'medium' });
  });

  it('gives findings inside a repeat the row they belong to', () => {
    const findings = computeFindings(form, {
      rows: [
        { _row: 'r1', code: 'W1', present: 'no' },
        { _row: 'r2', code: 'W2', present: 'yes', present_details: 'Sat in the front row during W1.' },
      ],
    });
    expect(findings).toEqual([
      {
        path: 'rows.r2.present',
        itemId: 'present',
        repeatId: 'rows',
        rowId: 'r2',
        rights: ['iccpr-14-3-e'],
        severity: 'medium',
        answer: 'yes',
        words: ['Sat in the front row during W1.'],
      },
    ]);
  });

  it('never yields a finding for a hidden item, though its answer is kept', () => {
    const gated = mustLoad(patched(smallForm(), '/sections/0/items/0/relevant', { field: 'start', answered: true }));
    expect(computeFindings(gated, { admitted: 'no' })).toEqual([]);
    expect(computeFindings(gated, { admitted: 'no', start: '10:00' })).toHaveLength(1);
  });

  it('does not quote a hidden details text', () => {
    const [finding] = computeFindings(form, { restraint: ['cage'], restraint_why: 'kept', admitted: 'yes', admitted_details: 'stale' });
    expect(finding?.words).toEqual(['kept']);
  });
});

describe('summarizeFindings', () => {
  const finding = (rights: string[], severity: Finding['severity']): Finding => ({ path: 'x', itemId: 'x', rights, severity, answer: 'no', words: [] });

  it('tallies per right, worst first, then most frequent', () => {
    const summary = summarizeFindings([
      finding(['iccpr-14-3-e'], 'medium'),
      finding(['iccpr-14-3-e', 'iccpr-14-1'], 'low'),
      finding(['iccpr-7'], 'high'),
      finding(['iccpr-14-2'], 'medium'),
    ]);
    expect(summary).toEqual([
      { right: 'iccpr-7', count: 1, maxSeverity: 'high' },
      { right: 'iccpr-14-3-e', count: 2, maxSeverity: 'medium' },
      { right: 'iccpr-14-2', count: 1, maxSeverity: 'medium' },
      { right: 'iccpr-14-1', count: 1, maxSeverity: 'low' },
    ]);
  });

  it('is empty for a report without findings', () => {
    expect(summarizeFindings([])).toEqual([]);
  });
});
