import type { ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import type { FieldValue } from '../../core/forms/answers.ts';
import { localize, type AttachmentItem, type AttachmentKind } from '../../core/forms/types.ts';
import { toRef } from '../../core/sync/attachments.ts';
import { AttachmentProject } from '../attachments/attachment-project.ts';
import { attachmentsOf, forgetIfUnused, storeFile } from '../attachments/blob-store.ts';
import { formatSize } from '../attachments/format-size.ts';
import type { LocalAttachment } from '../attachments/local-attachment.ts';
import { prepareFile } from '../attachments/prepare-file.ts';
import { attachmentRefusalText } from '../attachments/refusal-text.ts';
import { projectAttachmentSettings } from '../attachments/project-settings.ts';
import '../attachments/attachments.css';
import { useI18n, type Language, type Translate } from '../base/i18n/messages.ts';
import { useSession } from '../session.ts';
import { useLive } from '../base/use-live.ts';
import { errorText } from '../base/i18n/error-text.ts';

export interface AttachmentInputProps {
  readonly item: AttachmentItem;
  readonly path: string;
  readonly value: readonly string[];
  readonly readOnly: boolean;
  readonly onChange: (value: FieldValue | undefined) => void;
  /** The engine's message about this answer, rendered by the caller like every other item's. */
  readonly issue: ComponentChildren;
  readonly describedBy: string | undefined;
}

/** What each kind's file picker offers; `capture` opens the camera or the recorder straight away on a phone. */
const PICKERS: Record<AttachmentKind, { accept: string; capture?: 'environment' | 'user' }> = {
  photo: { accept: 'image/*', capture: 'environment' },
  document: { accept: 'application/pdf,image/*,text/plain,.doc,.docx,.odt,.rtf' },
  audio: { accept: 'audio/*', capture: 'user' },
};

/**
 * An attachment question: the files attached so far (size, whether sent) with a remove button, and one
 * picker per kind the question accepts and the project allows. Photos are shrunk on the device; every file
 * is kept in the device database under its SHA-256 and the answer holds only "sha256:<hex>" references.
 */
export function AttachmentInput({ item, path, value, readOnly, onChange, issue, describedBy }: AttachmentInputProps) {
  const i18n = useI18n();
  const { t, language } = i18n;
  const { db } = useSession();
  const projectId = useContext(AttachmentProject);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const id = `item-${path.replace(/\./g, '-')}`;
  const hashes = value.map((ref) => ref.slice('sha256:'.length));
  const settings = useLive(async () => (projectId === undefined ? undefined : projectAttachmentSettings(db, projectId)), [db, projectId]);
  const files = useLive(async () => (projectId === undefined ? new Map<string, LocalAttachment>() : attachmentsOf(db, projectId, hashes)), [db, projectId, hashes.join(',')]);
  const allowed = item.accept.filter((kind) => settings?.kinds.includes(kind) ?? false);
  const switchedOff = item.accept.filter((kind) => settings !== undefined && !settings.kinds.includes(kind));
  const full = value.length >= item.max;

  const add = async (kind: AttachmentKind, input: HTMLInputElement): Promise<void> => {
    const picked = input.files?.[0];
    input.value = '';
    if (picked === undefined || projectId === undefined || settings === undefined) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const blob = await prepareFile(picked, kind);
      if (blob.size > settings.maxBytes) {
        setProblem(t('attachTooLarge', { size: formatSize(blob.size, language), limit: formatSize(settings.maxBytes, language) }));
        return;
      }
      const stored = await storeFile(db, projectId, { blob, kind, ...(kind === 'photo' ? {} : { name: picked.name }) });
      const ref = toRef(stored.hash);
      if (!value.includes(ref)) onChange([...value, ref]);
    } catch (failure) {
      setProblem(t('attachFailed', { reason: errorText(i18n, failure) }));
    } finally {
      setBusy(false);
    }
  };

  const remove = (hash: string): void => {
    onChange(value.length === 1 ? undefined : value.filter((ref) => ref !== toRef(hash)));
    // Best effort once autosave has had time to store the answer: if it has not, the file is still named
    // and stays, and the sweep before the next upload (pruneOrphans) deletes it instead.
    if (projectId !== undefined) setTimeout(() => void forgetIfUnused(db, projectId, hash), 1_000);
  };

  return (
    <fieldset class={`item attachment ${issue === null ? '' : 'invalid'}`} aria-describedby={describedBy} data-testid={`attachments-${path}`}>
      <legend>
        {localize(item.label, language)}
        {item.required && <span aria-hidden="true"> *</span>}
      </legend>
      {item.help !== undefined && (
        <p class="help" id={`${id}-help`}>
          {localize(item.help, language)}
        </p>
      )}
      {hashes.length > 0 && (
        <ul class="attachment-list">
          {hashes.map((hash) => (
            <li key={hash} data-testid="attachment">
              <span>{describe(files?.get(hash), i18n)}</span>
              {!readOnly && (
                <button type="button" onClick={() => remove(hash)}>
                  {t('attachRemove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && switchedOff.length > 0 && (
        <p class="help" data-testid="kinds-off">
          {t('attachKindsOff', { kinds: switchedOff.map((kind) => t(`attachKind.${kind}`)).join(', ') })}
        </p>
      )}
      {!readOnly && full && <p class="help">{t('attachLimitReached', { limit: item.max })}</p>}
      {!readOnly && !full && allowed.length > 0 && (
        <div class="attachment-adders">
          {allowed.map((kind) => (
            <label key={kind} class={`button file-button ${busy ? 'disabled' : ''}`}>
              {t(`attachAdd.${kind}`)}
              <input
                type="file"
                accept={PICKERS[kind].accept}
                {...(PICKERS[kind].capture === undefined ? {} : { capture: PICKERS[kind].capture })}
                disabled={busy}
                data-kind={kind}
                onChange={(e) => void add(kind, e.currentTarget)}
              />
            </label>
          ))}
        </div>
      )}
      {busy && <p class="help">{t('attachPreparing')}</p>}
      {problem !== undefined && (
        <p class="issue" role="alert">
          {problem}
        </p>
      )}
      {issue}
    </fieldset>
  );
}

/** One file in words: its kind or name, its size and where it stands. */
function describe(file: LocalAttachment | undefined, i18n: { readonly t: Translate; readonly language: Language }): string {
  const { t, language } = i18n;
  if (file === undefined) return t('attachNotHere');
  const label = file.name ?? t(`attachKind.${file.kind}`);
  const where =
    file.state === 'complete'
      ? t('attachSent')
      : file.state === 'refused'
        ? t('attachRefused', { reason: attachmentRefusalText(i18n, file) })
        : file.received > 0
          ? t('attachSending', { percent: Math.floor((file.received / file.size) * 100) })
          : t('attachOnDevice');
  return `${label} · ${formatSize(file.size, language)} · ${where}`;
}
