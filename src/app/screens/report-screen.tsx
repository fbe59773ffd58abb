import { useRoute } from 'preact-iso';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Answers } from '../../core/forms/answers.ts';
import { evaluateForm } from '../../core/forms/evaluate.ts';
import { localize } from '../../core/forms/types.ts';
import { getCase } from '../db/cases.ts';
import { getForm } from '../db/forms.ts';
import { finaliseReport, getReport, saveAnswers } from '../db/reports.ts';
import { FormView } from '../form/form-view.tsx';
import { useI18n } from '../i18n/messages.ts';
import { useSession } from '../session.ts';
import { guardSave } from '../storage/save-guard.ts';
import { useLive } from '../use-live.ts';
import { ReviewThreadView } from './review-thread.tsx';
import { SyncState } from './sync-state.tsx';

/** Fills in a draft with autosave on every change, finalises it, or shows a finalised report read-only. */
export function ReportScreen() {
  const { t, language } = useI18n();
  const { db, sync } = useSession();
  const { params } = useRoute();
  const reportId = params['id'] ?? '';
  const report = useLive(async () => (await getReport(db, reportId)) ?? null, [db, reportId]);
  const form = useLive(async () => (report == null ? undefined : getForm(db, report.formId, report.formVersion)), [db, report?.formId, report?.formVersion]);
  const kase = useLive(async () => (report == null ? undefined : getCase(db, report.caseId)), [db, report?.caseId]);
  // The answers on screen. They lead the database: each change is written straight through.
  const [answers, setAnswers] = useState<Answers | undefined>(undefined);
  const [showRequired, setShowRequired] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());

  useEffect(() => {
    if (report != null && answers === undefined) setAnswers(report.answers);
  }, [report, answers]);

  const state = useMemo(() => (form === undefined || answers === undefined ? undefined : evaluateForm(form, answers)), [form, answers]);

  if (report == null || form === undefined || answers === undefined || state === undefined) {
    return <main class="page">{report === null ? t('notFound') : t('loading')}</main>;
  }
  const readOnly = report.status !== 'draft';

  const change = (next: Answers): void => {
    setAnswers(next);
    // Writes are chained so they land in order; a failure keeps the answers on screen and says so.
    // guardSave marks the report unsaved until this write lands (an update waits) and keeps the answers on a full disk.
    const write = guardSave(report.id, next, () => saveAnswers(db, report.id, next));
    saving.current = saving.current.then(() =>
      write().then(
        () => setSaveError(undefined),
        (error: unknown) => setSaveError(error instanceof Error ? `${error.name}: ${error.message}` : String(error)),
      ),
    );
  };

  const finalise = async (): Promise<void> => {
    setShowRequired(true);
    if (state.issues.length > 0) return;
    await saving.current;
    await finaliseReport(db, report.id, form);
    sync.afterWrite();
  };

  return (
    <main class="page report">
      {kase !== undefined && <a href={`/cases/${kase.id}`}>← {kase.code}</a>}
      <h1>{localize(form.title, language)}</h1>
      <SyncState report={report} />
      {readOnly && <ReviewThreadView reportId={report.id} form={form} />}
      {saveError !== undefined && (
        <p class="error" role="alert">
          {t('saveFailed')} {saveError}
        </p>
      )}
      <FormView form={form} answers={answers} state={state} readOnly={readOnly} showRequired={showRequired} onChange={change} />
      {!readOnly && (
        <section class="card finalise">
          {showRequired && state.issues.length > 0 && (
            <p class="error" role="alert">
              {t('fixBeforeFinalise')} {state.issues.length}
            </p>
          )}
          <p class="help">{t('finaliseHelp')}</p>
          <button class="primary" type="button" onClick={() => void finalise()}>
            {t('finalise')}
          </button>
        </section>
      )}
    </main>
  );
}
