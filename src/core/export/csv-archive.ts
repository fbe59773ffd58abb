import { strToU8, zipSync } from 'fflate';
import { toCsv } from './csv.ts';
import type { Table } from './table.ts';

/** Every table as its own CSV file in one ZIP: the reports, one file per repeat, and the codebook. */
export function toCsvArchive(tables: readonly Table[]): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const table of tables) files[`${table.name}.csv`] = strToU8(toCsv(table));
  return zipSync(files, { level: 6 });
}
