import { useRoute } from 'preact-iso';
import { useMemo } from 'preact/hooks';
import { toExportInput, type CaseBundle } from '../../core/export/case-bundle.ts';
import { buildCaseDocument } from '../../core/export/case-document.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import './coordinator.css';

/** The case report as a print-ready A4 page: the browser's "Save as PDF" turns it into the PDF report. */
export default function CasePrint() {
  const t = useText();
  const { params, query } = useRoute();
  const caseId = params['id'] ?? '';
  const { data: bundle, error } = useApi<CaseBundle>(`/api/cases/${encodeURIComponent(caseId)}`);
  const doc = useMemo(() => {
    if (bundle === undefined) return undefined;
    const input = toExportInput(bundle);
    return buildCaseDocument(
      { caseCode: bundle.case.code, court: bundle.case.court, ...input, rights: BUILTIN_RIGHTS, generatedAt: new Date().toISOString() },
      { language: query['lang'] === 'ru' ? 'ru' : 'en', codesOnly: query['codes'] !== '0', includeInterviews: query['interviews'] === '1' },
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
  if (doc === undefined) return <main class="page">…</main>;
  const { labels } = doc;
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
      <h1>{doc.title}</h1>
      <dl>
        {doc.facts.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{labels.summary}</h2>
      <dl>
        {doc.summary.map((f) => (
          <div key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.value}</dd>
          </div>
        ))}
      </dl>
      <h2>{labels.hearings}</h2>
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
      <h2>{labels.findingsByRight}</h2>
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
          <ul>
            {right.findings.map((f, i) => (
              <li key={i}>
                <strong>
                  {f.hearingDate} · {f.question}
                </strong>{' '}
                {labels.answer}: {f.answer} ({labels.severity}: {f.severity})
                {f.words.map((w) => (
                  <blockquote key={w}>“{w}”</blockquote>
                ))}
                {f.howKnown !== undefined && (
                  <p>
                    {labels.howKnown}: {f.howKnown}
                  </p>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
      <h2>{labels.annex}</h2>
      {doc.annex.map((report) => (
        <section key={report.heading}>
          <h3>{report.heading}</h3>
          {report.sections
            .filter((s) => s.answers.length > 0)
            .map((s) => (
              <table key={s.title}>
                <caption>{s.title}</caption>
                <tbody>
                  {s.answers.map((a, i) => (
                    <tr key={i}>
                      <th scope="row">{a.question}</th>
                      <td>{a.answer}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
        </section>
      ))}
    </main>
  );
}
