import { useRoute } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { toExportInput, type CaseBundle } from '../../core/export/case-bundle.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { aggregateCaseFindings } from '../../core/forms/case-findings.ts';
import { localize } from '../../core/forms/types.ts';
import { useI18n } from '../i18n/messages.ts';
import { AssessmentEditor } from './assessment-editor.tsx';
import { ExportPanel, type ExportChoice } from './export-panel.tsx';
import { FindingPanel, type DecisionValue } from './finding-panel.tsx';
import { FindingsMatrix, type CellAddress } from './findings-matrix.tsx';
import { useText } from './text.ts';
import { useApi } from './use-api.ts';
import './coordinator.css';

const RIGHTS = new Map(BUILTIN_RIGHTS.map((r) => [r.id, r]));

/** One case for review: its hearings, the rights x hearings matrix of findings, decisions, assessments, exports. */
export default function CaseReview() {
  const t = useText();
  const { language } = useI18n();
  const { params } = useRoute();
  const caseId = params['id'] ?? '';
  const { data: bundle, error, reload } = useApi<CaseBundle>(`/api/cases/${encodeURIComponent(caseId)}`);
  const [open, setOpen] = useState<CellAddress | undefined>(undefined);
  const [choice, setChoice] = useState<ExportChoice>({ codesOnly: true, includeInterviews: false, language });

  const derived = useMemo(() => {
    if (bundle === undefined) return undefined;
    const input = toExportInput(bundle);
    const matrix = aggregateCaseFindings(
      input.forms,
      input.reports.map((r) => ({ reportId: r.id, hearingDate: r.hearingDate, form: `${r.formId}@${r.formVersion}`, answers: r.answers })),
      { rightOrder: BUILTIN_RIGHTS.map((r) => r.id) },
    );
    const decisions = new Map<string, DecisionValue>(bundle.decisions.map((d) => [`${d.reportId}:${d.path}`, d.decision]));
    return { input, matrix, decisions };
  }, [bundle]);

  if (error !== undefined) {
    return (
      <main class="page">
        <p class="error" role="alert">
          {error}
        </p>
      </main>
    );
  }
  if (bundle === undefined || derived === undefined) return <main class="page">…</main>;
  const { input, matrix, decisions } = derived;
  const column = open === undefined ? undefined : matrix.columns[open.column];
  const cell = open === undefined ? undefined : matrix.rows.find((r) => r.right === open.right)?.cells[open.column];

  return (
    <main class="page wide">
      <a href="/coordinator/cases">← {t('cases')}</a>
      <h1>{bundle.case.code}</h1>
      <p class="muted">
        {bundle.case.court} · {bundle.case.project}
      </p>

      <h2>{t('hearings')}</h2>
      <ol class="timeline" data-testid="case-timeline">
        {bundle.reports.map((r) => {
          const form = input.forms.get(`${r.formId}@${r.formVersion}`);
          return (
            <li key={r.id}>
              <a href={`/coordinator/reports/${r.id}`}>
                <time>{r.hearingDate}</time> {form === undefined ? r.formId : localize(form.title, language)}
              </a>
              <span class="muted">
                {r.observerName} · {r.reviewStatus}
                {r.concernCount > 0 ? ` · ${t('concerns')}: ${r.concernCount}` : ''}
              </span>
            </li>
          );
        })}
      </ol>

      <h2>{t('findings')}</h2>
      <FindingsMatrix matrix={matrix} rights={RIGHTS} t={t} onOpen={setOpen} />
      {open !== undefined && column !== undefined && cell !== undefined && (
        <FindingPanel
          caseId={bundle.case.id}
          reportId={column.reportId}
          hearingDate={column.hearingDate}
          form={input.forms.get(column.form)}
          cell={cell}
          decisions={decisions}
          t={t}
          onChanged={reload}
        />
      )}

      {matrix.rows.map((row) => {
        const right = RIGHTS.get(row.right);
        const name = right === undefined ? row.right : `${right.instrument} ${right.article} · ${localize(right.title, language)}`;
        return (
          <AssessmentEditor
            key={row.right}
            caseId={bundle.case.id}
            rightId={row.right}
            rightName={name}
            initial={bundle.assessments.find((a) => a.rightId === row.right)}
            t={t}
            onSaved={reload}
          />
        );
      })}

      <ExportPanel bundle={bundle} t={t} choice={choice} onChoice={setChoice} />
    </main>
  );
}
