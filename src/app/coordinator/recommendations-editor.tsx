import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { CoordinatorText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

/** The server refuses more (a clear error); the box stops typing at the same limit. */
const MAX_LENGTH = 20_000;

/** The coordinator's recommendations for the case, written into the monitoring report after the findings. */
export function RecommendationsEditor({ caseId, initial, t, onSaved }: { caseId: string; initial: string; t: CoordinatorText; onSaved: () => void }) {
  const [text, setText] = useState(initial);
  const i18n = useI18n();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      await call(contract.putRecommendations, { params: { id: caseId }, body: { text } });
      setStatus(t('saved'));
      onSaved();
    } catch (failure) {
      setStatus(errorText(i18n, failure));
    }
  };
  return (
    <form class="assessment" onSubmit={(e) => void save(e)}>
      <label for="recommendations">{t('recommendations')}</label>
      <textarea id="recommendations" rows={5} maxLength={MAX_LENGTH} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit">{t('save')}</button>
        {status !== undefined && <span role="status">{status}</span>}
      </div>
    </form>
  );
}
