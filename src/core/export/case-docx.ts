import { AlignmentType, Document, Footer, Header, HeadingLevel, Packer, PageBreak, PageNumber, Paragraph, TableOfContents, TextRun, type IRunOptions, type Table } from 'docx';
import type { CaseDocument, DocumentFinding } from './case-document.ts';
import { columnWidths, docxTable, TEXT_WIDTH } from './docx-table.ts';
import { stripInvalidXml as clean } from './xml.ts';

/** A run of text; options typed as IRunOptions so `bold` is docx's, not String.prototype.bold. */
function run(value: string, style: Pick<IRunOptions, 'bold' | 'italics' | 'size' | 'break'> = {}): TextRun {
  const options: IRunOptions = { text: clean(value), ...style };
  return new TextRun(options);
}

function para(value: string, style: Pick<IRunOptions, 'bold' | 'italics' | 'size'> = {}): Paragraph {
  return new Paragraph({ children: [run(value, style)], spacing: { after: 120 } });
}

function heading(value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel], pageBreakBefore = false): Paragraph {
  return new Paragraph({ text: clean(value), heading: level, keepNext: true, pageBreakBefore, spacing: { before: level === HeadingLevel.HEADING_1 ? 360 : 240, after: 120 } });
}

function labelled(label: string, value: string): Paragraph {
  return new Paragraph({ children: [run(`${label}: `, { bold: true }), run(value)], spacing: { after: 80 } });
}

/** Two columns, label and value, across the page; `header` may be left out. */
function pairs(header: readonly [string, string] | readonly [], rows: readonly { readonly label: string; readonly value: string }[]): Table {
  const cells = rows.map((r) => [r.label, r.value]);
  return docxTable(header, cells, columnWidths(header.length === 0 ? ['', ''] : header, cells));
}

function findingCells(f: DocumentFinding, labels: CaseDocument['labels']): [string, TextRun[], TextRun[]] {
  const recorded = [run(f.question, { bold: true, size: 20 }), run(` — ${f.answer}`, { size: 20 })];
  if (f.about !== undefined) recorded.push(run(`${labels.about}: ${f.about}`, { size: 20, break: 1 }));
  recorded.push(run(`${labels.severity}: ${f.severity}${f.confirmed ? ` · ${labels.confirmed}` : ''}`, { size: 20, italics: true, break: 1 }));
  const words = f.words.map((w, i) => run(`${labels.openQuote}${w}${labels.closeQuote}`, { size: 20, italics: true, ...(i > 0 ? { break: 1 } : {}) }));
  if (f.howKnown !== undefined) words.push(run(`${labels.howKnown}: ${f.howKnown}`, { size: 20, ...(words.length > 0 ? { break: 1 } : {}) }));
  return [f.hearing, recorded, words];
}

/**
 * The case monitoring report as a Word document (the format NGOs edit before publishing), laid out as
 * trial-monitoring reports are: a title page, contents, running header and page numbers, then summary,
 * background, findings by right, recommendations and the annex. Tables use the page width.
 */
export async function caseDocx(doc: CaseDocument): Promise<Uint8Array> {
  const { labels } = doc;
  const caseCode = doc.facts.find((f) => f.label === labels.case)?.value ?? '';
  const children: (Paragraph | Table | TableOfContents)[] = [
    new Paragraph({ spacing: { before: 2400 } }),
    new Paragraph({ text: clean(doc.title), heading: HeadingLevel.TITLE }),
    ...doc.facts.map((f) => new Paragraph({ children: [run(`${f.label}: `, { bold: true, size: 26 }), run(f.value, { size: 26 })], spacing: { after: 160 } })),
    new Paragraph({ children: [new PageBreak()] }),
    // Styled as a heading but not one: the contents do not list themselves.
    new Paragraph({ children: [run(labels.contents, { bold: true, size: 32 })], spacing: { after: 240 } }),
    new TableOfContents(labels.contents, { hyperlink: true, headingStyleRange: '1-2' }),
    para(labels.contentsHint, { italics: true, size: 18 }),
  ];

  children.push(heading(labels.summary, HeadingLevel.HEADING_1, true));
  children.push(pairs([], doc.summary));
  if (doc.includesUnapproved) children.push(para(labels.unapprovedNote, { italics: true }));
  children.push(heading(labels.method, HeadingLevel.HEADING_2), para(labels.methodText));
  children.push(heading(labels.notObserved, HeadingLevel.HEADING_2));
  if (doc.notObserved.length === 0) children.push(para(labels.nothingUnobserved));
  for (const hearing of doc.notObserved) {
    children.push(new Paragraph({ children: [run(hearing.hearing, { bold: true })], keepNext: true }));
    for (const words of hearing.words) children.push(new Paragraph({ indent: { left: 360 }, children: [run(`${labels.openQuote}${words}${labels.closeQuote}`, { italics: true })] }));
    if (hearing.questions.length > 0) children.push(new Paragraph({ indent: { left: 360 }, children: [run(`${labels.notObservedAnswers}: `, { bold: true }), run(hearing.questions.join('; '))] }));
  }

  children.push(heading(labels.background, HeadingLevel.HEADING_1));
  if (doc.background.length === 0) children.push(para(labels.noBackground));
  for (const section of doc.background) {
    children.push(heading(section.title, HeadingLevel.HEADING_3));
    children.push(pairs([labels.question, labels.answer], section.answers.map((a) => ({ label: a.question, value: a.answer }))));
  }

  children.push(heading(labels.hearings, HeadingLevel.HEADING_1));
  children.push(doc.hearings.length === 0 ? para(labels.noFindings) : docxTable(doc.hearingColumns, doc.hearings, columnWidths(doc.hearingColumns, doc.hearings)));

  children.push(heading(labels.findingsByRight, HeadingLevel.HEADING_1, true));
  if (doc.rights.length === 0) children.push(para(labels.noFindings));
  const findingHeader = [labels.hearing, labels.facts, labels.observerWords];
  const findingWidths = [Math.round(TEXT_WIDTH * 0.2), Math.round(TEXT_WIDTH * 0.45), TEXT_WIDTH - Math.round(TEXT_WIDTH * 0.2) - Math.round(TEXT_WIDTH * 0.45)];
  for (const right of doc.rights) {
    children.push(heading(`${right.citation}: ${right.title}`, HeadingLevel.HEADING_2));
    if (right.explanation !== '') children.push(new Paragraph({ children: [run(`${labels.standard}: `, { bold: true }), run(right.explanation, { italics: true })], spacing: { after: 120 } }));
    // A project under a regional system also cites its article (ECHR 6 beside ICCPR 14(1)); the count stays the universal right's.
    if (right.regional.length > 0) children.push(labelled(labels.regionalStandard, right.regional.map((r) => `${r.citation}, ${r.title}`).join('; ')));
    if (right.findings.length > 0) {
      children.push(labelled(labels.concerns, `${right.total} (${labels.severity}: ${right.worst})`));
      children.push(docxTable(findingHeader, right.findings.map((f) => findingCells(f, labels)), findingWidths));
    }
    if (right.assessment !== undefined) {
      children.push(new Paragraph({ children: [run(`${labels.assessment}: `, { bold: true }), run(right.assessment.text)], spacing: { before: 120, after: 80 } }));
      if (right.assessment.grade !== undefined) children.push(labelled(labels.grade, right.assessment.grade));
    }
  }

  children.push(heading(labels.recommendations, HeadingLevel.HEADING_1));
  if (doc.recommendations.length === 0) children.push(para(labels.noRecommendations));
  for (const paragraph of doc.recommendations) children.push(para(paragraph));

  children.push(heading(labels.annex, HeadingLevel.HEADING_1, true));
  for (const report of doc.annex) {
    children.push(heading(report.heading, HeadingLevel.HEADING_2));
    for (const section of report.sections) {
      if (section.answers.length === 0) continue;
      children.push(heading(section.title, HeadingLevel.HEADING_3), pairs([labels.question, labels.answer], section.answers.map((a) => ({ label: a.question, value: a.answer }))));
    }
  }

  const small = { size: 18 };
  const document = new Document({
    creator: 'Trial Monitor',
    title: clean(`${doc.title} ${caseCode}`),
    features: { updateFields: true },
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties: { titlePage: true, page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, bottom: 1134, left: 1134, right: 1134 } } },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(`${doc.title} · ${labels.case} ${caseCode}`, small)] })] }),
        },
        footers: {
          first: new Footer({ children: [] }),
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [`${clean(labels.page)} `, PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], size: 18 })] })] }),
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(document));
}
