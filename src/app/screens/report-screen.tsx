import { useRoute } from 'preact-iso';
import { useMemo, useRef, useState } from 'preact/hooks';
import type { Answers } from '../../core/forms/answers.ts';
import { evaluateForm } from '../../core/forms/evaluate.ts';
import { localize } from '../../core/forms/types.ts';
import { getCase } from '../db/cases.ts';
import { getForm } from '../db/forms.ts';
import { addNote, finaliseReport, getReport, reviewOfReport, saveAnswers } from '../db/reports.ts';
import { reply, threadOf } from '../db/reviews.ts';
import { formProgress } from '../form/form-progress.ts';
import { FastPathBar } from '../form/fast-path-bar.tsx';
import { FormView } from '../form/form-view.tsx';
import { NameMatcherContext } from '../form/name-warning.tsx';
import { listRegister } from '../db/register.ts';
import { nameMatcher } from '../../core/export/redact-names.ts';
import { ReplyContext } from '../form/pinned-comments.tsx';
import { pinnedByAnswer } from '../form/pinned-by-answer.ts';
import { NotesContext } from '../form/quick-notes.tsx';
import { SectionNav } from '../form/section-nav.tsx';
import { AttachmentProject } from '../attachments/attachment-project.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { guardSave } from '../storage/save-guard.ts';
import { useLive } from '../base/use-live.ts';
import { DiscardDraft } from './discard-draft.tsx';
import { PurgedReport } from './purged-report.tsx';
import { ReopenPanel } from './reopen-panel.tsx';
import { ReviewThreadView } from './review-thread.tsx';
import { SyncState } from './sync-state.tsx';
import { VersionHistory } from './version-history.tsx';
import { errorText, refusalReasonText } from '../base/i18n/error-text.ts';

/**
 * Fills in a draft with autosave on every change, finalises it, or shows a finalised report read-only
 * with the way to correct it (refused) or amend it (sent). Comments pinned to answers sit beside them.
 */
export function ReportScreen() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { db, sync, account } = useSession();
  const { params } = useRoute();
  const reportId = params['id'] ?? '';
  const report = useLive(async () => (await getReport(db, reportId)) ?? null, [db, reportId]);
  const form = useLive(async () => (report == null ? undefined : getForm(db, report.formId, report.formVersion)), [db, report?.formId, report?.formVersion]);
  const kase = useLive(async () => (report == null ? undefined : getCase(db, report.caseId)), [db, report?.caseId]);
  const review = useLive(() => reviewOfReport(db, reportId), [db, reportId]);
  const thread = useLive(() => threadOf(db, reportId), [db, reportId]);
  // The observer's register of this case: free-text answers that name someone in it get a quiet warning.
  const register = useLive(async () => (report == null ? [] : listRegister(db, report.caseId)), [db, report?.caseId]);
  const names = useMemo(() => nameMatcher(register ?? []), [register]);
  // The answers on screen. They lead the database while editing: each change is written straight through.
  const [draftAnswers, setAnswers] = useState<Answers | undefined>(undefined);
  const [showRequired, setShowRequired] = useState(false);
  const [saveError, setSaveError] = useState<string | undefined>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());

  // The first answers read are the draft's until the observer changes one: taken in this render, not in an
  // effect, which would wait for a paint (a frame at 4x CPU) before the form could be built.
  const opened = useRef<Answers | undefined>(undefined);
  if (opened.current === undefined && report != null) opened.current = report.answers;

  const readOnly = report == null || report.status !== 'draft';
  // A finalised report shows what is stored (a pull may bring a newer version); a draft what is typed.
  const answers = report != null && readOnly ? report.answers : (draftAnswers ?? opened.current);
  const state = useMemo(() => (form === undefined || answers === undefined ? undefined : evaluateForm(form, answers)), [form, answers]);
  const progress = useMemo(() => (form === undefined || answers === undefined || state === undefined ? undefined : formProgress(form, answers, state)), [form, answers, state]);
  const comments = useMemo(() => pinnedByAnswer(thread, account.user.id, t('you')), [thread, account.user.id, t]);
  const notes = useMemo(
    () => ({ notes: report?.notes ?? [], add: async (sectionId: string, text: string) => {
        await addNote(db, reportId, sectionId, text);
      },
    }),
    [db, reportId, report?.notes],
  );
  const replyHere = useMemo(
    () => async (pin: string, text: string) => {
      await reply(db, reportId, text, pin);
      sync.afterWrite();
    },
    [db, reportId, sync],
  );

  if (report == null || form === undefined || answers === undefined || state === undefined || progress === undefined) {
    return <main class="page">{report === null ? t('notFound') : t('loading')}</main>;
  }

  // Its contents left this phone under the project's setting: what was sent, and the thread to reply in.
  if (report.purgedAt !== undefined) return <PurgedReport report={report} form={form} kase={kase} review={review} />;

  const change = (next: Answers): void => {
    setAnswers(next);
    // Writes are chained so they land in order; a failure keeps the answers on screen and says so.
    // guardSave marks the report unsaved until this write lands (an update waits) and keeps the answers on a full disk.
    const write = guardSave(report.id, next, () => saveAnswers(db, report.id, next));
    saving.current = saving.current.then(() =>
      write().then(
        () => setSaveError(undefined),
        (error: unknown) => setSaveError(errorText(i18n, error)),
      ),
    );
  };

  const finalise = async (): Promise<void> => {
    setShowRequired(true);
    if (state.issues.length > 0) return;
    await saving.current;
    try {
      await finaliseReport(db, report.id, form);
      sync.afterWrite();
    } catch (error) {
      setSaveError(errorText(i18n, error));
    }
  };

  return (
    <main class="page report">
      {kase !== undefined && <a href={`/cases/${kase.id}`}>← {kase.code}</a>}
      <h1>{localize(form.title, language)}</h1>
      <SyncState report={report} review={review} />
      {report.syncNote !== undefined && report.status === 'draft' && (
        <p class="card refusal" role="status">
          {t('refusedHelp')} {t('refusedReason')} <strong>{refusalReasonText(language, report)}</strong>
        </p>
      )}
      {report.amendReason !== undefined && (
        <p class="card amending" data-testid="amend-reason">
          {t('amending')} <strong>{report.amendReason}</strong>
        </p>
      )}
      <ReopenPanel report={report} onReopened={(reopened) => setAnswers(reopened.answers)} />
      <VersionHistory report={report} />
      <ReviewThreadView reportId={report.id} form={form} answers={answers} />
      {saveError !== undefined && (
        <p class="error" role="alert">
          {t('saveFailed')} {saveError}
        </p>
      )}
      <AttachmentProject.Provider value={report.projectId}>
        <NotesContext.Provider value={notes}>
          <ReplyContext.Provider value={replyHere}>
            <NameMatcherContext.Provider value={names}>
              <FormView form={form} answers={answers} state={state} readOnly={readOnly} showRequired={showRequired} onChange={change} comments={comments} />
            </NameMatcherContext.Provider>
          </ReplyContext.Provider>
        </NotesContext.Provider>
      </AttachmentProject.Provider>
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
          <div class="actions">
            <DiscardDraft report={report} beforeDiscard={() => saving.current} />
          </div>
        </section>
      )}
      <SectionNav form={form} progress={progress} tools={readOnly ? undefined : <FastPathBar form={form} answers={answers} onChange={change} />} />
    </main>
  );
}
