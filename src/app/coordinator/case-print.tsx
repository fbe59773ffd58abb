import { useRoute } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { toExportInput } from '../../core/export/case-bundle.ts';
import { redactBundle } from '../../core/export/redact-bundle.ts';
import { contract } from '../../core/api/contract.ts';
import { buildCaseDocument, type AnswerSection, type CaseDocument } from '../../core/export/case-document.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import { useBrowseText } from './sealing/browse-text.ts';
import { LockedNotice, OpeningProgress, UnopenedReports } from './sealing/opening-status.tsx';
import { useOpenedCase } from './sealing/use-opened-case.ts';
import './coordinator.css';

function Pairs({ rows, header }: { rows: readonly { readonly label: string; readonly value: string }[]; header?: readonly [string, string] }) {
  return (
    <table>
      {header !== undefined && (
        <thead>
          <tr>
            <th scope="col">{header[0]}</th>
            <th scope="col">{header[1]}</th>
          </tr>
        </thead>
      )}
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <th scope="row">{r.label}</th>
            <td>{r.value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Sections({ sections, doc }: { sections: readonly AnswerSection[]; doc: CaseDocument }) {
  return (
    <>
      {sections
        .filter((s) => s.answers.length > 0)
        .map((s) => (
          <section key={s.title}>
            <h4>{s.title}</h4>
            <Pairs header={[doc.labels.question, doc.labels.answer]} rows={s.answers.map((a) => ({ label: a.question, value: a.answer }))} />
          </section>
        ))}
    </>
  );
}

/** The case report as a print-ready A4 document (the same as the DOCX): the browser's "Save as PDF" turns it into the PDF report. */
export default function CasePrint() {
  const t = useText();
  const { params, query } = useRoute();
  const caseId = params['id'] ?? '';
  const tb = useBrowseText();
  const { data: received, error } = useApi(contract.getCase, { params: { id: caseId } });
  // A sealed project's case is opened here first, then printed by the same code as an open one's.
  const view = useOpenedCase(received);
  const bundle = view.state === 'open' ? view.bundle : undefined;
  const doc = useMemo(() => {
    if (bundle === undefined) return undefined;
    const codesOnly = query['codes'] !== '0';
    // Codes only: the registered names in free text are replaced too, as in the DOCX (redact-bundle.ts).
    const shown = codesOnly ? redactBundle(bundle) : bundle;
    const input = toExportInput(shown);
    return buildCaseDocument(
      { caseCode: shown.case.code, court: shown.case.court, project: shown.case.project, ...input, rights: BUILTIN_RIGHTS, regions: shown.case.regions, generatedAt: new Date().toISOString() },
      { language: query['lang'] === 'ru' ? 'ru' : 'en', codesOnly, includeInterviews: query['interviews'] === '1', includeUnapproved: query['unapproved'] === '1' },
    );
  }, [bundle, query]);

  if (error !== undefined) {
    return (
      <main class="page">
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (received !== undefined && view.state === 'locked') {
    return (
      <main class="page">
        <LockedNotice text={tb('caseLocked', { sealed: view.sealed, total: received.reports.length })} />
      </main>
    );
  }
  if (view.state === 'opening') {
    return (
      <main class="page">
        <OpeningProgress done={view.done} total={view.total} />
      </main>
    );
  }
  if (doc === undefined) return <main class="page">…</main>;
  const { labels } = doc;
  const contents: [string, string][] = [
    ['summary', labels.summary],
    ['background', labels.background],
    ['hearings', labels.hearings],
    ['findings', labels.findingsByRight],
    ['recommendations', labels.recommendations],
    ['annex', labels.annex],
  ];
  return (
    <main class="page wide print-document" lang={doc.language}>
      <div class="actions no-print">
        <a class="button" href={`/coordinator/cases/${caseId}`}>
          ← {t('back')}
        </a>
        <button type="button" class="primary" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      {view.state === 'open' && (
        <div class="no-print">
          <UnopenedReports reports={view.unopened} />
        </div>
      )}
      <section class="title-page">
        <h1>{doc.title}</h1>
        <Pairs rows={doc.facts} />
      </section>
      <nav class="contents" aria-labelledby="contents-title">
        <h2 id="contents-title">{labels.contents}</h2>
        <ol>
          {contents.map(([id, title]) => (
            <li key={id}>
              <a href={`#${id}`}>{title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <h2 id="summary">{labels.summary}</h2>
      <Pairs rows={doc.summary} />
      {doc.includesUnapproved && (
        <p>
          <em>{labels.unapprovedNote}</em>
        </p>
      )}
      <h3>{labels.method}</h3>
      <p>{labels.methodText}</p>
      <h3>{labels.notObserved}</h3>
      {doc.notObserved.length === 0 && <p>{labels.nothingUnobserved}</p>}
      {doc.notObserved.map((h) => (
        <div key={h.hearing}>
          <p>
            <strong>{h.hearing}</strong>
          </p>
          {h.words.map((w) => (
            <blockquote key={w}>
                            {labels.openQuote}
                            {w}
                            {labels.closeQuote}
                          </blockquote>
          ))}
          {h.questions.length > 0 && (
            <p>
              <strong>{labels.notObservedAnswers}:</strong> {h.questions.join('; ')}
            </p>
          )}
        </div>
      ))}
      <h2 id="background">{labels.background}</h2>
      {doc.background.length === 0 ? <p>{labels.noBackground}</p> : <Sections sections={doc.background} doc={doc} />}
      <h2 id="hearings">{labels.hearings}</h2>
      <table>
        <thead>
          <tr>
            {doc.hearingColumns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {doc.hearings.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <h2 id="findings" class="new-page">
        {labels.findingsByRight}
      </h2>
      {doc.rights.length === 0 && <p>{labels.noFindings}</p>}
      {doc.rights.map((right) => (
        <section key={right.id}>
          <h3>
            {right.citation}: {right.title}
          </h3>
          {right.explanation !== '' && (
            <p>
              <strong>{labels.standard}:</strong> <em>{right.explanation}</em>
            </p>
          )}
          {right.regional.length > 0 && (
            <p data-testid="regional-standard">
              <strong>{labels.regionalStandard}:</strong> {right.regional.map((r) => `${r.citation}, ${r.title}`).join('; ')}
            </p>
          )}
          {right.findings.length > 0 && (
            <>
              <p>
                <strong>{labels.concerns}:</strong> {right.total} ({labels.severity}: {right.worst})
              </p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{labels.hearing}</th>
                    <th scope="col">{labels.facts}</th>
                    <th scope="col">{labels.observerWords}</th>
                  </tr>
                </thead>
                <tbody>
                  {right.findings.map((f, i) => (
                    <tr key={i}>
                      <td>{f.hearing}</td>
                      <td>
                        <strong>{f.question}</strong> — {f.answer}
                        {f.about !== undefined && (
                          <>
                            <br />
                            {labels.about}: {f.about}
                          </>
                        )}
                        <br />
                        <em>
                          {labels.severity}: {f.severity}
                        </em>
                        {f.confirmed && <span class="confirmed-mark"> · {labels.confirmed}</span>}
                      </td>
                      <td>
                        {f.words.map((w) => (
                          <blockquote key={w}>
                            {labels.openQuote}
                            {w}
                            {labels.closeQuote}
                          </blockquote>
                        ))}
                        {f.howKnown !== undefined && (
                          <p>
                            {labels.howKnown}: {f.howKnown}
                          </p>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          {right.assessment !== undefined && (
            <p>
              <strong>{labels.assessment}:</strong> {right.assessment.text}
              {right.assessment.grade !== undefined && (
                <>
                  {' '}
                  <strong>{labels.grade}:</strong> {right.assessment.grade}
                </>
              )}
            </p>
          )}
        </section>
      ))}
      <h2 id="recommendations">{labels.recommendations}</h2>
      {doc.recommendations.length === 0 && <p>{labels.noRecommendations}</p>}
      {doc.recommendations.map((p, i) => (
        <p key={i}>{p}</p>
      ))}
      <h2 id="annex" class="new-page">
        {labels.annex}
      </h2>
      {doc.annex.map((report) => (
        <section key={report.heading}>
          <h3>{report.heading}</h3>
          <Sections sections={report.sections} doc={doc} />
        </section>
      ))}
    </main>
  );
}
