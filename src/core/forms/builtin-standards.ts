import standards from '../../../forms/standards.json' with { type: 'json' };
import { readStandards, type Right } from './standards.ts';

/** The rights catalogue shipped with this version (forms/standards.json), for screens and exports. */
export const BUILTIN_RIGHTS: readonly Right[] = readStandards(standards).rights;
