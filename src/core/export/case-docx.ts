import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type IRunOptions } from 'docx';
import type { CaseDocument } from './case-document.ts';
import { stripInvalidXml as clean } from './xml.ts';

/** A run of text; options typed as IRunOptions so `bold` is docx's, not String.prototype.bold. */
function run(value: string, style: Pick<IRunOptions, 'bold' | 'italics'> = {}): TextRun {
  const options: IRunOptions = { text: clean(value), ...style };
  return new TextRun(options);
}

function para(value: string, style: Pick<IRunOptions, 'bold' | 'italics'> = {}): Paragraph {
  return new Paragraph({ children: [run(value, style)] });
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph {
  return new Paragraph({ text: clean(value), heading: level });
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[], bold: boolean): TableRow =>
    new TableRow({ tableHeader: bold, children: cells.map((c) => new TableCell({ children: [para(c, { bold })] })) });
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [row(header, true), ...rows.map((r) => row(r, false))] });
}

/** The case monitoring report as a Word document (the format NGOs edit before publishing). */
export async function caseDocx(doc: CaseDocument): Promise<Uint8Array> {
  const { labels } = doc;
  const children: (Paragraph | Table)[] = [heading(doc.title, HeadingLevel.TITLE)];
  for (const fact of doc.facts) children.push(new Paragraph({ children: [run(`${fact.label}: `, { bold: true }), run(fact.value)] }));

  children.push(heading(labels.summary, HeadingLevel.HEADING_1));
  for (const line of doc.summary) children.push(new Paragraph({ children: [run(`${line.label}: `, { bold: true }), run(line.value)] }));

  children.push(heading(labels.hearings, HeadingLevel.HEADING_1), table(doc.hearingColumns, doc.hearings));

  children.push(heading(labels.findingsByRight, HeadingLevel.HEADING_1));
  if (doc.rights.length === 0) children.push(para(labels.noFindings));
  for (const right of doc.rights) {
    children.push(heading(`${right.citation}: ${right.title}`, HeadingLevel.HEADING_2));
    if (right.explanation !== '') children.push(new Paragraph({ children: [run(`${labels.standard}: `, { bold: true }), run(right.explanation, { italics: true })] }));
    if (right.assessment !== undefined) {
      children.push(new Paragraph({ children: [run(`${labels.assessment}: `, { bold: true }), run(right.assessment.text)] }));
      if (right.assessment.grade !== undefined) children.push(new Paragraph({ children: [run(`${labels.grade}: `, { bold: true }), run(right.assessment.grade)] }));
    }
    for (const finding of right.findings) {
      children.push(
        new Paragraph({
          bullet: { level: 0 },
          children: [run(`${finding.hearingDate} · ${finding.question} `, { bold: true }), run(`${labels.answer}: ${finding.answer} (${labels.severity}: ${finding.severity})`)],
        }),
      );
      for (const words of finding.words) children.push(new Paragraph({ indent: { left: 720 }, children: [run(`${labels.observerWords}: `, { bold: true }), run(`“${words}”`, { italics: true })] }));
      if (finding.howKnown !== undefined) children.push(new Paragraph({ indent: { left: 720 }, children: [run(`${labels.howKnown}: `, { bold: true }), run(finding.howKnown)] }));
    }
  }

  children.push(heading(labels.annex, HeadingLevel.HEADING_1));
  for (const report of doc.annex) {
    children.push(heading(report.heading, HeadingLevel.HEADING_2));
    for (const section of report.sections) {
      if (section.answers.length === 0) continue;
      children.push(heading(section.title, HeadingLevel.HEADING_3), table([labels.checklist, labels.answer], section.answers.map((a) => [a.question, a.answer])));
    }
  }

  const document = new Document({
    creator: 'Trial Monitor',
    title: clean(`${doc.title} ${doc.facts[0]?.value ?? ''}`),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
