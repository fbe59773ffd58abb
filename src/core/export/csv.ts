import type { Cell, Table } from './table.ts';

/**
 * Characters that make a spreadsheet read a text cell as a formula (OWASP "CSV injection"): a cell an
 * observer typed as "=HYPERLINK(...)" must arrive as text, so it is prefixed with an apostrophe.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function csvCell(cell: Cell): string {
  if (cell.kind === 'empty') return '';
  if (cell.kind === 'number') return String(cell.value);
  const safe = neutraliseFormula(cell.value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV with CRLF line ends and a UTF-8 byte-order mark, so Excel opens Cyrillic text correctly. */
export function toCsv(table: Table): string {
  const header = table.columns.map((c) => csvCell({ kind: 'text', value: c })).join(',');
  const lines = table.rows.map((row) => row.map(csvCell).join(','));
  return `\uFEFF${[header, ...lines].join('\r\n')}\r\n`;
}

/** Reads CSV written by toCsv (and any RFC 4180 CSV) back into rows of strings; used to check exports. */
export function parseCsv(input: string): string[][] {
  const source = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i] ?? '';
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || (ch === '\r' && source[i + 1] === '\n')) {
      if (ch === '\r') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
