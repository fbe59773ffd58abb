// readStandards: the rights catalogue, its citations and regional correspondences, faults with their path.
import { describe, expect, it } from 'vitest';
import { readStandards } from '../../../../src/core/forms/standards.ts';

const text = (en: string): Record<string, string> => ({ en, ru: `ru ${en}` });
const right = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  instrument: 'ICCPR',
  article: id,
  title: text(`Title ${id}`),
  citation: text(`ICCPR ${id}`),
  explanation: text(`Explanation ${id}`),
  ...extra,
});
const catalogue = (...rights: Record<string, unknown>[]): unknown => ({ languages: ['en', 'ru'], rights });

describe('readStandards', () => {
  it('reads citations, and a regional right with the universal rights it corresponds to', () => {
    const { rights, errors } = readStandards(catalogue(right('iccpr-14-1'), right('echr-6', { region: 'council-of-europe', corresponds: ['iccpr-14-1'] })));
    expect(errors).toEqual([]);
    expect(rights.map((r) => [r.id, r.citation, r.region, r.corresponds])).toEqual([
      ['iccpr-14-1', text('ICCPR iccpr-14-1'), undefined, undefined],
      ['echr-6', text('ICCPR echr-6'), 'council-of-europe', ['iccpr-14-1']],
    ]);
  });

  it('wants a citation in every language', () => {
    const { errors } = readStandards(catalogue(right('iccpr-14-1', { citation: { en: 'ICCPR 14(1)' } })));
    expect(errors).toEqual([{ path: '/rights/0/citation/ru', message: 'missing ru text' }]);
  });

  it('refuses a correspondence to a right the catalogue does not have, and a region without correspondences', () => {
    const { errors } = readStandards(
      catalogue(right('iccpr-14-1'), right('echr-6', { region: 'council-of-europe', corresponds: ['iccpr-14-1', 'iccpr-99'] }), right('echr-5', { region: 'council-of-europe' })),
    );
    expect(errors).toEqual([
      { path: '/rights/2/corresponds', message: 'a regional right lists the universal rights it corresponds to in "corresponds"' },
      { path: '/rights/1/corresponds/1', message: 'unknown right "iccpr-99"' },
    ]);
  });

  it('refuses correspondences without a region', () => {
    const { errors } = readStandards(catalogue(right('iccpr-14-1'), right('echr-6', { corresponds: ['iccpr-14-1'] })));
    expect(errors).toEqual([{ path: '/rights/1/region', message: 'a regional right needs "region" (lower-case letters and dashes, e.g. "council-of-europe")' }]);
  });
});
