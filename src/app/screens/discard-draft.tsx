import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { discardDraft, isDiscardable } from '../db/reports.ts';
import type { LocalReport } from '../db/records.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** "Discard this draft", for a draft started by mistake: it asks, then hides the draft (restorable from the case page until the next sync). */
export function DiscardDraft({ report, beforeDiscard }: { report: LocalReport; beforeDiscard: () => Promise<void> }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { db } = useSession();
  const { route } = useLocation();
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  if (!isDiscardable(report)) return null;

  const discard = async (): Promise<void> => {
    try {
      await beforeDiscard();
      await discardDraft(db, report.id);
      route(`/cases/${report.caseId}`);
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };

  if (!asking) {
    return (
      <button type="button" class="danger" onClick={() => setAsking(true)}>
        {t('discardDraft')}
      </button>
    );
  }
  return (
    <div class="confirm" role="alertdialog" aria-labelledby="discard-ask">
      <p id="discard-ask">{t('discardAsk')}</p>
      {error !== undefined && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => setAsking(false)}>
          {t('discardKeep')}
        </button>
        <button type="button" class="danger" onClick={() => void discard()}>
          {t('discardYes')}
        </button>
      </div>
    </div>
  );
}
