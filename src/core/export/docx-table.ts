import { Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import { stripInvalidXml as clean } from './xml.ts';

/** A4 with 2 cm margins: the width a table may use, in twentieths of a point. */
export const TEXT_WIDTH = 11906 - 2 * 1134;

// Roughly the width of one character of 10 pt Calibri, in twentieths of a point; generous for Cyrillic.
const CHAR_WIDTH = 115;
const CELL_PADDING = 230;

export type CellText = string | readonly TextRun[];

function longestWord(text: string): number {
  return Math.max(0, ...text.split(/\s+/).map((w) => w.length));
}

/**
 * Column widths that fill the page: each column gets at least its header's longest word (so a header
 * never breaks mid-word, in any language), the rest is shared by how much text the column holds.
 */
export function columnWidths(header: readonly string[], rows: readonly (readonly string[])[], total = TEXT_WIDTH): number[] {
  const minimum = header.map((h, i) => Math.max(longestWord(h), ...rows.map((r) => Math.min(longestWord(r[i] ?? ''), 18))) * CHAR_WIDTH + CELL_PADDING);
  const weight = header.map((h, i) => Math.max(h.length, ...rows.map((r) => Math.min((r[i] ?? '').length, 60))));
  const spare = total - minimum.reduce((a, b) => a + b, 0);
  if (spare <= 0) return minimum.map((m) => Math.floor((m * total) / minimum.reduce((a, b) => a + b, 0)));
  const weights = weight.reduce((a, b) => a + b, 0) || 1;
  return minimum.map((m, i) => Math.floor(m + (spare * (weight[i] ?? 0)) / weights));
}

function cellParagraphs(content: CellText, bold: boolean): Paragraph[] {
  if (typeof content !== 'string') return [new Paragraph({ children: [...content] })];
  const options = (line: string): IRunOptions => ({ text: clean(line), bold, size: 20 });
  return content.split('\n').map((line) => new Paragraph({ children: [new TextRun(options(line))] }));
}

/** A full-width table with a repeated header row (none when `header` is empty); rows never split across pages. */
export function docxTable(header: readonly string[], rows: readonly (readonly CellText[])[], widths: readonly number[]): Table {
  const row = (cells: readonly CellText[], isHeader: boolean): TableRow =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: cells.map((c, i) => new TableCell({ width: { size: widths[i] ?? 0, type: WidthType.DXA }, children: cellParagraphs(c, isHeader) })),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: [...widths],
    layout: TableLayoutType.FIXED,
    rows: [...(header.length === 0 ? [] : [row(header, true)]), ...rows.map((r) => row(r, false))],
  });
}
