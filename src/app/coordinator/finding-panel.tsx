import { useState } from 'preact/hooks';
import { describeFinding } from '../../core/export/finding-text.ts';
import type { Answers } from '../../core/forms/answers.ts';
import type { CaseFinding } from '../../core/forms/case-findings.ts';
import type { Form } from '../../core/forms/types.ts';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import { useI18n } from '../base/i18n/messages.ts';
import type { CoordinatorText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

export type DecisionValue = 'confirmed' | 'dismissed';

interface FindingPanelProps {
  readonly caseId: string;
  readonly title: string;
  readonly findings: readonly CaseFinding[];
  /** The form and answers of a report of the case, to put each finding in words. */
  readonly reportOf: (reportId: string) => { readonly form: Form; readonly answers: Answers; readonly where: string } | undefined;
  readonly t: CoordinatorText;
  readonly onChanged: () => void;
}

/** The answers and observers' words behind one matrix cell, each with what it is about and confirm / dismiss. */
export function FindingPanel({ caseId, title, findings, reportOf, t, onChanged }: FindingPanelProps) {
  const i18n = useI18n();
  const { language } = i18n;
  const [error, setError] = useState<string | undefined>(undefined);
  const decide = async (reportId: string, path: string, decision: DecisionValue | 'open'): Promise<void> => {
    try {
      await call(contract.decideFinding, { params: { id: caseId }, body: { reportId, path, decision } });
      setError(undefined);
      onChanged();
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };
  return (
    <section class="card" aria-live="polite" data-testid="finding-panel">
      <h3>{title}</h3>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {findings.map((finding) => {
        const report = reportOf(finding.reportId);
        if (report === undefined) return null;
        const text = describeFinding(report.form, report.answers, finding, language);
        const decision = finding.decision;
        return (
          <article key={`${finding.reportId}:${finding.path}`} class={`finding ${decision ?? ''}`}>
            <p>
              <a href={`/coordinator/reports/${finding.reportId}`}>{report.where}</a> · <strong>{text.question}</strong>
            </p>
            {text.about !== undefined && (
              <p>
                {t('findingAbout')}: {text.about}
              </p>
            )}
            <p>
              {t('answer')}: {text.answer} · {t('severity')}: {t(finding.severity)}
            </p>
            {text.words.map((words) => (
              <blockquote key={words}>
                {t('words')}: “{words}”
              </blockquote>
            ))}
            {text.howKnown !== undefined && (
              <p>
                {t('howKnown')}: {text.howKnown}
              </p>
            )}
            <div class="actions">
              {decision !== undefined && <span class="badge">{t(decision)}</span>}
              {decision !== 'confirmed' && (
                <button type="button" onClick={() => void decide(finding.reportId, finding.path, 'confirmed')}>
                  {t('confirm')}
                </button>
              )}
              {decision !== 'dismissed' && (
                <button type="button" onClick={() => void decide(finding.reportId, finding.path, 'dismissed')}>
                  {t('dismiss')}
                </button>
              )}
              {decision !== undefined && (
                <button type="button" onClick={() => void decide(finding.reportId, finding.path, 'open')}>
                  {t('reopen')}
                </button>
              )}
            </div>
          </article>
        );
      })}
    </section>
  );
}
