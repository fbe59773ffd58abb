import { createContext } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { QuickNote } from '../db/records.ts';
import { formatTime } from '../base/i18n/dates.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { errorText } from '../base/i18n/error-text.ts';

/** The report's quick notes and how to add one; absent where notes are not kept (the coordinator's view). */
export const NotesContext = createContext<{ readonly notes: readonly QuickNote[]; readonly add: (sectionId: string, text: string) => Promise<void> } | undefined>(undefined);

/**
 * Timestamped notes on one section: a thing seen in court, written in seconds and sorted into answers
 * later; in a section with rows (witnesses, motions) a note can become a row, its time and words kept
 * there. The time is taken when the note is saved. Notes stay on this device (src/app/db/README.md).
 */
export function QuickNotes({ sectionId, sectionTitle, toRow }: { sectionId: string; sectionTitle: string; toRow?: { label: string; make: (note: QuickNote) => void } | undefined }) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const context = useContext(NotesContext);
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  if (context === undefined) return null;
  const notes = context.notes.filter((n) => n.sectionId === sectionId);
  const id = `note-${sectionId}`;

  const save = async (event: Event): Promise<void> => {
    event.preventDefault();
    if (text.trim() === '') return;
    try {
      await context.add(sectionId, text);
      setText('');
      setOpen(false);
      setError(undefined);
    } catch (failure) {
      setError(errorText(i18n, failure));
    }
  };

  return (
    <div class="quick-notes" data-testid={`notes-${sectionId}`}>
      {notes.length > 0 && (
        <ul class="notes">
          {notes.map((n) => (
            <li key={n.id}>
              <time dateTime={n.at}>{formatTime(n.at, language)}</time> <span class="note-text">{n.text}</span>
              {toRow !== undefined && (
                <button type="button" class="note-to-row" onClick={() => toRow.make(n)}>
                  {t('noteToRow', { row: toRow.label })}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {open ? (
        <form onSubmit={(e) => void save(e)}>
          <label for={id}>
            {t('noteLabel')}: {sectionTitle}
          </label>
          <textarea id={id} rows={2} maxLength={2_000} value={text} onInput={(e) => setText(e.currentTarget.value)} />
          <p class="help">{t('notesLocal')}</p>
          {error !== undefined && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div class="actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t('cancel')}
            </button>
            <button type="submit" class="primary">
              {t('saveNote')}
            </button>
          </div>
        </form>
      ) : (
        <button type="button" class="add-note" onClick={() => setOpen(true)}>
          + {t('quickNote')}
        </button>
      )}
    </div>
  );
}
