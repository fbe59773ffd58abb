import { useRoute } from 'preact-iso';
import { useMemo, useState } from 'preact/hooks';
import { caseMatrix, toExportInput, type CaseBundle } from '../../core/export/case-bundle.ts';
import { contract } from '../../core/api/contract.ts';
import { rightName } from '../../core/export/citation.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { regionalLookup } from '../../core/forms/regions.ts';
import { localize } from '../../core/forms/types.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { AssessmentEditor } from './assessment-editor.tsx';
import { ExportPanel, type ExportChoice } from './export-panel.tsx';
import { FindingPanel } from './finding-panel.tsx';
import { FindingsMatrix, type CellAddress } from './findings-matrix.tsx';
import { RecommendationsEditor } from './recommendations-editor.tsx';
import { statusKey } from './review-status.ts';
import { useText, type CoordinatorText } from './text.ts';
import { useApi } from './use-api.ts';
import { useBrowseText } from './sealing/browse-text.ts';
import { LockedNotice, OpeningProgress, UnopenedReports } from './sealing/opening-status.tsx';
import { useOpenedCase } from './sealing/use-opened-case.ts';
import './coordinator.css';

const RIGHTS = new Map(BUILTIN_RIGHTS.map((r) => [r.id, r]));

function CaseHeading({ kase, t }: { kase: CaseBundle['case']; t: CoordinatorText }) {
  return (
    <>
      <a href="/coordinator/cases">← {t('cases')}</a>
      <h1>{kase.code}</h1>
      <p class="muted">
        {kase.court} · {kase.project}
      </p>
    </>
  );
}

/** One case for review: its reports, the rights x hearings matrix of findings, decisions, assessments, recommendations, exports. */
export default function CaseReview() {
  const t = useText();
  const { language } = useI18n();
  const { params } = useRoute();
  const caseId = params['id'] ?? '';
  const tb = useBrowseText();
  const { data: received, error, reload } = useApi(contract.getCase, { params: { id: caseId } });
  // A sealed project's case is opened here with the unlocked project key; then the same core code runs.
  const view = useOpenedCase(received);
  const bundle = view.state === 'open' ? view.bundle : undefined;
  const [open, setOpen] = useState<CellAddress | undefined>(undefined);
  const [choice, setChoice] = useState<ExportChoice>({ codesOnly: true, includeInterviews: false, includeUnapproved: false, language });

  const derived = useMemo(() => {
    if (bundle === undefined) return undefined;
    const input = toExportInput(bundle);
    // The one count (tallyFindings), the same as the server's filters and every export.
    const matrix = caseMatrix(input, input.reports, BUILTIN_RIGHTS.map((r) => r.id));
    const records = new Map([...matrix.columns, ...matrix.outside].map((r) => [r.reportId, r]));
    // A project under a regional system names its standards beside each right (the count is unchanged).
    const regional = regionalLookup(BUILTIN_RIGHTS, bundle.case.regions ?? []);
    return { input, matrix, records, regional };
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
  if (received !== undefined && (view.state === 'locked' || view.state === 'opening')) {
    return (
      <main class="page wide">
        <CaseHeading kase={received.case} t={t} />
        {view.state === 'locked' ? <LockedNotice text={tb('caseLocked', { sealed: view.sealed, total: received.reports.length })} /> : <OpeningProgress done={view.done} total={view.total} />}
      </main>
    );
  }
  if (bundle === undefined || derived === undefined) return <main class="page">…</main>;
  const { input, matrix, records, regional } = derived;
  const formTitle = (r: (typeof input.reports)[number]): string => {
    const form = input.forms.get(`${r.formId}@${r.formVersion}`);
    return form === undefined ? r.formId : localize(form.title, language);
  };
  const reportOf = (reportId: string) => {
    const r = input.reports.find((report) => report.id === reportId);
    const form = r === undefined ? undefined : input.forms.get(`${r.formId}@${r.formVersion}`);
    return r === undefined || form === undefined ? undefined : { form, answers: r.answers, where: `${r.hearingDate} · ${r.observerCode} · ${formTitle(r)}` };
  };
  const row = open === undefined ? undefined : matrix.rows.find((r) => r.right === open.right);
  const cell = open === undefined || row === undefined ? undefined : open.column === 'outside' ? row.outside : row.cells[open.column];
  const column = open === undefined || open.column === 'outside' ? undefined : matrix.columns[open.column];
  const panelTitle = `${rightName(RIGHTS.get(open?.right ?? ''), open?.right ?? '', language)} · ${column === undefined ? t('outsideHearings') : `${column.hearingDate ?? ''} ${column.observer ?? ''}`}`;

  return (
    <main class="page wide">
      <CaseHeading kase={bundle.case} t={t} />
      <p>
        <a href={`/coordinator/cases/${encodeURIComponent(bundle.case.id)}/people`}>{t('register')}</a> ({bundle.register?.length ?? 0})
      </p>

      <h2>{t('hearings')}</h2>
      <ol class="timeline" data-testid="case-timeline">
        {input.reports.map((r) => {
          const count = records.get(r.id)?.total ?? 0;
          return (
            <li key={r.id} data-report={r.id}>
              <a href={`/coordinator/reports/${r.id}`}>
                <time>{r.hearingDate}</time> {formTitle(r)}
              </a>
              <span class="muted">
                {r.observerCode} ({r.observerName}) · {t(statusKey(r.reviewStatus))}
                {count > 0 ? ` · ${t('concerns')}: ${count}` : ''}
              </span>
            </li>
          );
        })}
      </ol>

      {view.state === 'open' && <UnopenedReports reports={view.unopened} />}

      <h2>{t('findings')}</h2>
      <p data-testid="case-concerns">
        {t('caseTotal')}: {matrix.total}
      </p>
      <FindingsMatrix matrix={matrix} rights={RIGHTS} regional={regional} t={t} onOpen={setOpen} />
      {cell !== undefined && <FindingPanel caseId={bundle.case.id} title={panelTitle} findings={cell.findings} reportOf={reportOf} t={t} onChanged={reload} />}

      {matrix.rows.map((r) => (
        <AssessmentEditor
          key={r.right}
          caseId={bundle.case.id}
          rightId={r.right}
          rightName={rightName(RIGHTS.get(r.right), r.right, language)}
          initial={bundle.assessments.find((a) => a.rightId === r.right)}
          t={t}
          onSaved={reload}
        />
      ))}
      <RecommendationsEditor caseId={bundle.case.id} initial={bundle.recommendations} t={t} onSaved={reload} />

      <ExportPanel bundle={bundle} t={t} choice={choice} onChoice={setChoice} />
    </main>
  );
}
