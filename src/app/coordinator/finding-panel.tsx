import { useState } from 'preact/hooks';
import type { MatrixCell } from '../../core/forms/case-findings.ts';
import type { Finding } from '../../core/forms/findings.ts';
import type { Form } from '../../core/forms/types.ts';
import { localize } from '../../core/forms/types.ts';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/messages.ts';
import type { CoordinatorText } from './text.ts';

export type DecisionValue = 'confirmed' | 'dismissed';

interface FindingPanelProps {
  readonly caseId: string;
  readonly reportId: string;
  readonly hearingDate: string | undefined;
  readonly form: Form | undefined;
  readonly cell: MatrixCell;
  readonly decisions: ReadonlyMap<string, DecisionValue>;
  readonly t: CoordinatorText;
  readonly onChanged: () => void;
}

function labelOf(form: Form | undefined, finding: Finding, language: string): string {
  for (const section of form?.sections ?? []) {
    for (const item of section.items) {
      if (item.id === finding.itemId) return localize(item.label, language);
      if (item.type === 'repeat') {
        const inner = item.items.find((i) => i.id === finding.itemId);
        if (inner !== undefined) return `${localize(item.label, language)} · ${localize(inner.label, language)}`;
      }
    }
  }
  return finding.itemId;
}

/** The answers and observers' words behind one matrix cell, each with confirm / dismiss. */
export function FindingPanel({ caseId, reportId, hearingDate, form, cell, decisions, t, onChanged }: FindingPanelProps) {
  const { language } = useI18n();
  const [error, setError] = useState<string | undefined>(undefined);
  const decide = async (path: string, decision: DecisionValue | 'open'): Promise<void> => {
    try {
      await api(`/api/cases/${caseId}/decisions`, { method: 'POST', body: { reportId, path, decision } });
      setError(undefined);
      onChanged();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };
  return (
    <section class="card" aria-live="polite" data-testid="finding-panel">
      <h3>
        {hearingDate ?? ''} · <a href={`/coordinator/reports/${reportId}`}>{t('report')}</a>
      </h3>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {cell.findings.map((finding) => {
        const decision = decisions.get(`${reportId}:${finding.path}`);
        return (
          <article key={finding.path} class={`finding ${decision ?? ''}`}>
            <p>
              <strong>{labelOf(form, finding, language)}</strong>
            </p>
            <p>
              {t('answer')}: {Array.isArray(finding.answer) ? finding.answer.join(', ') : String(finding.answer)} · {t('severity')}: {t(finding.severity)}
            </p>
            {finding.words.map((words) => (
              <blockquote key={words}>
                {t('words')}: “{words}”
              </blockquote>
            ))}
            {finding.source !== undefined && (
              <p>
                {t('howKnown')}: {t(finding.source.kind)}
                {finding.source.role === undefined ? '' : ` (${finding.source.role})`}
              </p>
            )}
            <div class="actions">
              {decision !== undefined && <span class="badge">{t(decision)}</span>}
              {decision !== 'confirmed' && (
                <button type="button" onClick={() => void decide(finding.path, 'confirmed')}>
                  {t('confirm')}
                </button>
              )}
              {decision !== 'dismissed' && (
                <button type="button" onClick={() => void decide(finding.path, 'dismissed')}>
                  {t('dismiss')}
                </button>
              )}
              {decision !== undefined && (
                <button type="button" onClick={() => void decide(finding.path, 'open')}>
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
