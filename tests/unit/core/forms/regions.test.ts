import { describe, expect, it } from 'vitest';
import { rightCitation } from '../../../../src/core/export/citation.ts';
import { BUILTIN_RIGHTS } from '../../../../src/core/forms/builtin-standards.ts';
import { isRegion, parseRegions, regionalLookup, regionalOfAll, REGIONS } from '../../../../src/core/forms/regions.ts';

describe('regional standards (ECHR per project)', () => {
  it('knows every region the catalogue names, so a project can choose each', () => {
    const named = new Set(BUILTIN_RIGHTS.flatMap((r) => (r.region === undefined ? [] : [r.region])));
    expect(named.size).toBeGreaterThan(0);
    for (const region of named) expect(isRegion(region)).toBe(true);
    for (const region of REGIONS) expect(named.has(region)).toBe(true);
  });

  it('names the ECHR article beside each universal right for a Council of Europe project, and nothing otherwise', () => {
    const coe = regionalLookup(BUILTIN_RIGHTS, ['council-of-europe']);
    const ids = (rightId: string) => coe(rightId).map((r) => r.id);
    expect(ids('iccpr-14-1')).toEqual(['echr-6']);
    expect(ids('iccpr-14-3-f')).toEqual(['echr-6']);
    expect(ids('iccpr-7')).toEqual(['echr-3']);
    expect(ids('cat-15')).toEqual(['echr-3']);
    expect(ids('iccpr-9-3')).toEqual(['echr-5']);
    expect(ids('iccpr-19')).toEqual([]);
    // A cage is ICCPR 14(2), 7 and 10(1): ECHR 6 and 3, each once.
    expect(regionalOfAll(coe, ['iccpr-14-2', 'iccpr-7', 'iccpr-10-1']).map((r) => r.id)).toEqual(['echr-6', 'echr-3']);
    const none = regionalLookup(BUILTIN_RIGHTS, []);
    expect(BUILTIN_RIGHTS.flatMap((r) => none(r.id))).toEqual([]);
  });

  it('cites the ECHR in Russian without English left over', () => {
    const [echr6] = regionalLookup(BUILTIN_RIGHTS, ['council-of-europe'])('iccpr-14-1');
    expect(echr6 === undefined ? '' : rightCitation(echr6, 'ru')).toBe('ЕКПЧ, ст. 6');
  });

  it('reads the stored column, dropping what it does not know', () => {
    expect(parseRegions('')).toEqual([]);
    expect(parseRegions('council-of-europe')).toEqual(['council-of-europe']);
    expect(parseRegions('council-of-europe,atlantis')).toEqual(['council-of-europe']);
  });
});
