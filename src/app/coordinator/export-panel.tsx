import { useState } from 'preact/hooks';
import type { CaseBundle } from '../../core/export/case-bundle.ts';
import { MIME_TYPES, type ExportFormat } from '../../core/export/export-formats.ts';
import { exportFileNameOf } from '../../core/export/redact-bundle.ts';
import { useI18n } from '../base/i18n/messages.ts';
import { saveFile } from '../base/save-file.ts';
import type { CoordinatorText } from './text.ts';
import { errorText } from '../base/i18n/error-text.ts';

export interface ExportChoice {
  readonly codesOnly: boolean;
  readonly includeInterviews: boolean;
  /** The monitoring report (Word, print) has approved reports only unless this is set. */
  readonly includeUnapproved: boolean;
  readonly language: string;
}

/** Export buttons with their redaction options; the writers load only when first used (they are large). */
export function ExportPanel({ bundle, t, choice, onChoice }: { bundle: CaseBundle; t: CoordinatorText; choice: ExportChoice; onChoice: (c: ExportChoice) => void }) {
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const i18n = useI18n();
  const { language } = i18n;

  const run = async (format: ExportFormat): Promise<void> => {
    setBusy(true);
    setStatus(`${t('preparing')} ${format.toUpperCase()}…`);
    try {
      const { writeBrowserExport } = await import('./write-browser-export.ts');
      const bytes = await writeBrowserExport(bundle, format, { language: choice.language, codesOnly: choice.codesOnly, includeInterviews: choice.includeInterviews, includeUnapproved: choice.includeUnapproved }, (step) => setStatus(`${t('preparing')} ${format.toUpperCase()}: ${step}`));
      const name = exportFileNameOf(bundle, format, choice.codesOnly);
      saveFile(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: MIME_TYPES[format] }), name);
      setStatus(`${t('done')} ${name} (${Math.ceil(bytes.length / 1024).toLocaleString(language)} KiB)`);
    } catch (error) {
      setStatus(`${t('failed')} ${errorText(i18n, error)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card no-print" aria-labelledby="export-title">
      <h2 id="export-title">{t('export')}</h2>
      <div class="export-options">
        <label>
          <input type="checkbox" checked={choice.codesOnly} onChange={(e) => onChoice({ ...choice, codesOnly: e.currentTarget.checked })} />
          {t('codesOnly')}
        </label>
        {choice.codesOnly && (bundle.register?.length ?? 0) === 0 && (
          <p class="muted" data-testid="no-register">
            <a href={`/coordinator/cases/${encodeURIComponent(bundle.case.id)}/people`}>{t('registerNone')}</a>
          </p>
        )}
        <label>
          <input type="checkbox" checked={choice.includeInterviews} onChange={(e) => onChoice({ ...choice, includeInterviews: e.currentTarget.checked })} />
          {t('includeInterviews')}
        </label>
        <label>
          <input type="checkbox" checked={choice.includeUnapproved} onChange={(e) => onChoice({ ...choice, includeUnapproved: e.currentTarget.checked })} />
          {t('includeUnapproved')}
        </label>
        <label>
          {t('exportLanguage')}
          <select value={choice.language} onChange={(e) => onChoice({ ...choice, language: e.currentTarget.value })}>
            <option value="en">English</option>
            <option value="ru">Русский</option>
          </select>
        </label>
      </div>
      <div class="export-buttons">
        <button type="button" disabled={busy} onClick={() => void run('docx')}>
          {t('word')}
        </button>
        <a class="button" href={`/coordinator/cases/${bundle.case.id}/print?codes=${choice.codesOnly ? '1' : '0'}&interviews=${choice.includeInterviews ? '1' : '0'}&unapproved=${choice.includeUnapproved ? '1' : '0'}&lang=${choice.language}`}>
          {t('print')}
        </a>
        <button type="button" disabled={busy} onClick={() => void run('csv')}>
          {t('csv')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('xlsx')}>
          {t('xlsx')}
        </button>
        <button type="button" disabled={busy} onClick={() => void run('json')}>
          {t('json')}
        </button>
      </div>
      {status !== undefined && (
        <p role="status" data-testid="export-status">
          {status}
        </p>
      )}
    </section>
  );
}
