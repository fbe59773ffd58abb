/**
 * A table of export cells, the common model behind CSV, XLSX and the DOCX annex. Cells keep their type
 * so numbers stay numbers in a spreadsheet, and text is escaped by each writer as its format needs.
 */
export type Cell = { readonly kind: 'text'; readonly value: string } | { readonly kind: 'number'; readonly value: number } | { readonly kind: 'empty' };

export interface Table {
  /** File or sheet name: letters, digits, dashes and underscores only. */
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const EMPTY: Cell = { kind: 'empty' };

export function text(value: string): Cell {
  return value === '' ? EMPTY : { kind: 'text', value };
}

export function num(value: number): Cell {
  return Number.isFinite(value) ? { kind: 'number', value } : EMPTY;
}
