import { describe, expect, it } from 'vitest';
import { aggregateCaseFindings } from '../../../../src/core/forms/case-findings.ts';
import { tallyFindings, computeFindings } from '../../../../src/core/forms/findings.ts';
import { formKey, type Form } from '../../../../src/core/forms/types.ts';
import { mustLoad, patched, smallForm } from './fixtures.ts';

const v1 = mustLoad(smallForm());
const v2 = mustLoad(patched(smallForm(), '/version', 2));
const forms = new Map<string, Form>([
  [formKey(v1), v1],
  [formKey(v2), v2],
]);

describe('aggregateCaseFindings', () => {
  const matrix = aggregateCaseFindings(forms, [
    { reportId: 'b', hearingDate: '2024-05-02', form: 'mini@1', answers: { admitted: 'no', rows: [{ _row: 'r1', code: 'W1', present: 'yes' }] } },
    { reportId: 'a', hearingDate: '2024-05-02', form: 'mini@2', answers: { admitted: 'partly', restraint: ['cage'] } },
    { reportId: 'c', hearingDate: '2024-04-01', form: 'mini@1', answers: { admitted: 'yes' } },
    { reportId: 'case', form: 'mini@2', answers: { restraint: ['cage'] } },
    { reportId: 'x', hearingDate: '2024-04-01', form: 'gone@7', answers: {} },
  ]);

  it('has a column per report, by hearing date then report id, undated last', () => {
    expect(matrix.columns.map((c) => c.reportId)).toEqual(['c', 'a', 'b', 'case']);
    expect(matrix.columns[0]).toMatchObject({ reportId: 'c', hearingDate: '2024-04-01', form: 'mini@1', isHearing: true, total: 0 });
  });

  it('has a row per right named by any finding, with a count and worst severity per cell', () => {
    const row = (right: string) => matrix.rows.find((r) => r.right === right);
    expect(matrix.rows.map((r) => r.right)).toEqual(['iccpr-14-1', 'iccpr-14-2', 'iccpr-14-3-e']);
    expect(row('iccpr-14-1')?.cells.map((c) => c.count)).toEqual([0, 1, 1, 0]);
    expect(row('iccpr-14-1')).toMatchObject({ total: 2, maxSeverity: 'high' });
    expect(row('iccpr-14-2')?.cells.map((c) => c.maxSeverity)).toEqual([undefined, 'medium', undefined, 'medium']);
    expect(row('iccpr-14-3-e')?.cells[2]?.findings.map((f) => f.path)).toEqual(['rows.r1.present']);
  });

  it('keeps the findings behind each cell', () => {
    expect(matrix.rows[0]?.cells[1]?.findings).toEqual([expect.objectContaining({ itemId: 'admitted', answer: 'partly' })]);
  });

  it('lists reports whose form it does not know instead of guessing', () => {
    expect(matrix.unknownForm).toEqual([{ reportId: 'x', form: 'gone@7' }]);
  });

  it('orders rights as asked, the rest by id', () => {
    const ordered = aggregateCaseFindings(forms, [{ reportId: 'a', form: 'mini@1', answers: { admitted: 'no', restraint: ['cage'] } }], {
      rightOrder: ['iccpr-14-2'],
    });
    expect(ordered.rows.map((r) => r.right)).toEqual(['iccpr-14-2', 'iccpr-14-1']);
  });

  it('is empty for a case without reports', () => {
    expect(aggregateCaseFindings(forms, [])).toEqual({ columns: [], rows: [], outside: [], total: 0, unknownForm: [] });
  });
});

describe('one finding, one count', () => {
  // One fact engaging two rights; a case-level form whose findings are no hearing's.
  const twoRights = mustLoad(patched(patched(smallForm(), '/id', 'two'), '/sections/0/items/0/concern/rights', ['iccpr-14-1', 'iccpr-14-2']));
  const caseFile = mustLoad(patched(patched(smallForm(), '/id', 'file'), '/level', 'case'));
  const both = new Map<string, Form>([
    [formKey(twoRights), twoRights],
    [formKey(caseFile), caseFile],
  ]);
  const answers = { admitted: 'no', restraint: ['cage'], rows: [{ _row: 'r1', code: 'W1', present: 'yes' }, { _row: 'r2', code: 'W2', present: 'yes' }] };
  const reports = [
    { reportId: 'second-observer', hearingDate: '2024-05-02', form: 'two@1', answers, observer: 'O2' },
    { reportId: 'first-observer', hearingDate: '2024-05-02', form: 'two@1', answers, observer: 'O1' },
    { reportId: 'file', hearingDate: '2024-01-10', form: 'file@1', answers: { admitted: 'no' }, observer: 'O1' },
  ];
  const decisions = new Map([['first-observer:rows.r2.present', 'dismissed' as const]]);
  const matrix = aggregateCaseFindings(both, reports, { decisions });

  it('counts a finding once in its hearing, however many rights list it', () => {
    expect(matrix.rows.find((r) => r.right === 'iccpr-14-1')?.cells.map((c) => c.count)).toEqual([1, 1]);
    expect(matrix.rows.find((r) => r.right === 'iccpr-14-2')?.cells.map((c) => c.count)).toEqual([2, 2]);
    // admitted (two rights), restraint, W1, W2: four findings, five mentions of a right.
    expect(matrix.columns.find((c) => c.reportId === 'second-observer')?.total).toBe(4);
  });

  it('leaves a dismissed finding out of every count and keeps it, marked, behind its cell', () => {
    expect(matrix.columns.map((c) => [c.reportId, c.total])).toEqual([
      ['first-observer', 3],
      ['second-observer', 4],
    ]);
    const cell = matrix.rows.find((r) => r.right === 'iccpr-14-3-e')?.cells[0];
    expect(cell?.count).toBe(1);
    expect(cell?.findings.map((f) => f.decision)).toEqual([undefined, 'dismissed']);
    expect(tallyFindings(computeFindings(twoRights, answers), (path) => (path === 'rows.r2.present' ? 'dismissed' : undefined)).total).toBe(3);
  });

  it('makes no column of the case file: its findings count in the case, outside the hearings', () => {
    expect(matrix.columns.map((c) => c.observer)).toEqual(['O1', 'O2']);
    expect(matrix.outside.map((r) => [r.reportId, r.total])).toEqual([['file', 1]]);
    expect(matrix.rows.find((r) => r.right === 'iccpr-14-1')).toMatchObject({ total: 3, outside: { count: 1 } });
    expect(matrix.total).toBe(3 + 4 + 1);
  });
});
