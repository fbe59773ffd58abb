import { useState } from 'preact/hooks';
import { contract } from '../../core/api/contract.ts';
import { call } from '../base/api/call.ts';
import type { CoordinatorText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';
import { useI18n } from '../base/i18n/messages.ts';

/** The coordinator's written assessment of one right for the case, with an optional overall grade. */
export function AssessmentEditor({ caseId, rightId, rightName, initial, t, onSaved }: { caseId: string; rightId: string; rightName: string; initial: { text: string; grade: string | null } | undefined; t: CoordinatorText; onSaved: () => void }) {
  const [text, setText] = useState(initial?.text ?? '');
  const i18n = useI18n();
  const [grade, setGrade] = useState(initial?.grade ?? '');
  const [status, setStatus] = useState<string | undefined>(undefined);
  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    try {
      await call(contract.putAssessment, { params: { id: caseId, right: rightId }, body: { text, ...(grade.trim() === '' ? {} : { grade }) } });
      setStatus(t('saved'));
      onSaved();
    } catch (failure) {
      setStatus(errorText(i18n, failure));
    }
  };
  const id = `assessment-${rightId}`;
  return (
    <form class="assessment" onSubmit={(e) => void save(e)}>
      <label for={id}>
        {t('assessment')}: {rightName}
      </label>
      <textarea id={id} rows={3} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      <label for={`${id}-grade`}>{t('grade')}</label>
      <input id={`${id}-grade`} value={grade} maxLength={200} onInput={(e) => setGrade(e.currentTarget.value)} />
      <div class="actions">
        <button type="submit">{t('save')}</button>
        {status !== undefined && <span role="status">{status}</span>}
      </div>
    </form>
  );
}
