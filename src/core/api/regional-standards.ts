/** A project's regional standards: which regional systems its findings and exports cite beside the universal rights. */
import * as v from 'valibot';
import { REGIONS } from '../forms/regions.ts';

export const RegionalStandards = v.strictObject({
  regions: v.pipe(
    v.array(v.picklist(REGIONS, `a region is one of ${REGIONS.join(', ')}`)),
    v.maxLength(REGIONS.length),
    v.check((regions) => new Set(regions).size === regions.length, 'each region once'),
  ),
});
export type RegionalStandards = v.InferOutput<typeof RegionalStandards>;
