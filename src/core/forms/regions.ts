import type { Right } from './standards.ts';

/**
 * The regional systems a project may work under (a project setting, migration 016). The checklists'
 * rules name only universal rights; a project in a Council of Europe state also cites the ECHR article
 * that corresponds to each of them (forms/standards.json `region` and `corresponds`). A region added
 * to the catalogue is added here too (a test checks that every region of the catalogue is listed).
 */
export const REGIONS = ['council-of-europe'] as const;
export type Region = (typeof REGIONS)[number];

export const isRegion = (value: string): value is Region => (REGIONS as readonly string[]).includes(value);

/** The project's regions as stored: a comma-separated list ('' for none); unknown entries are dropped. */
export function parseRegions(stored: string): Region[] {
  return stored
    .split(',')
    .map((r) => r.trim())
    .filter(isRegion);
}

/** A lookup from a universal right to the regional rights that correspond to it; empty for a project without regions. */
export type RegionalLookup = (rightId: string) => readonly Right[];

export const NO_REGIONAL: RegionalLookup = () => [];

/**
 * The regional rights of the project's regions for each universal right of the catalogue, in catalogue
 * order: with `council-of-europe`, "iccpr-14-1" gives ECHR 6 and "cat-15" ECHR 3. A finding is still
 * counted once, under its universal rights: the regional ones are named beside them, never counted.
 */
export function regionalLookup(catalogue: readonly Right[], regions: readonly string[]): RegionalLookup {
  if (regions.length === 0) return NO_REGIONAL;
  const byRight = new Map<string, Right[]>();
  for (const right of catalogue) {
    if (right.region === undefined || !regions.includes(right.region)) continue;
    for (const id of right.corresponds ?? []) byRight.set(id, [...(byRight.get(id) ?? []), right]);
  }
  return (rightId) => byRight.get(rightId) ?? [];
}

/** The regional rights of several universal rights, each once, in the order first met. */
export function regionalOfAll(lookup: RegionalLookup, rightIds: readonly string[]): Right[] {
  const seen = new Map<string, Right>();
  for (const id of rightIds) for (const right of lookup(id)) if (!seen.has(right.id)) seen.set(right.id, right);
  return [...seen.values()];
}
