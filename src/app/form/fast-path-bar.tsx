import './fast-path-bar.css';
import { useMemo, useState } from 'preact/hooks';
import type { Answers } from '../../core/forms/answers.ts';
import { localize, type Form } from '../../core/forms/types.ts';
import type { MessageKey } from '../base/i18n/en.ts';
import { useI18n, type Translate } from '../base/i18n/messages.ts';
import { applyFastPath, fastPathsOf, pickable, rowsOf, undoFastPath, type FastPath, type FastPathId, type FastPathRefusal, type FastPathUndo } from './fast-paths.ts';
import { localTime } from './now-button.tsx';
import { addQuietly } from './quiet-rows.ts';
import { rowTitle } from './row-title.ts';

export interface FastPathBarProps {
  readonly form: Form;
  readonly answers: Answers;
  /** One call per tap: one autosave. */
  readonly onChange: (answers: Answers) => void;
}

/** What the bar says after a tap: done (with Undo), undone, or refused (nothing changed). */
type Said = { readonly kind: 'done'; readonly text: string; readonly undo: FastPathUndo; readonly row: string } | { readonly kind: 'undone' | 'refused'; readonly text: string };

/**
 * The courtroom fast paths: one tap records a witness entering, a motion, an allegation of ill-treatment
 * or a document shown, as a new row stamped with the device's local time; "testifies", "leaves" and
 * "ruling" ask which row with one more tap on its chip. Nothing else is asked: the observer completes the
 * row later. It sits in the navigator at the bottom of the screen, where the thumb is, opened and closed by
 * the stopwatch button beside "Next unanswered": closed it takes no room over the answers; open it stays open on
 * this device. A form without the rows' time items has no bar.
 */
export function FastPathBar({ form, answers, onChange }: FastPathBarProps) {
  const { t, language } = useI18n();
  const paths = useMemo(() => fastPathsOf(form), [form]);
  const [picking, setPicking] = useState<FastPath | undefined>(undefined);
  const [said, setSaid] = useState<Said | undefined>(undefined);
  const [open, setOpen] = useState(barOpen);
  if (paths.length === 0) return null;
  const toggle = (): void => {
    setOpen(!open);
    rememberBarOpen(!open);
    setPicking(undefined);
  };

  const record = (path: FastPath, rowId?: string): void => {
    setPicking(undefined);
    const time = localTime(new Date());
    const result = applyFastPath(form, answers, path, time, rowId);
    if (!result.ok) {
      setSaid({ kind: 'refused', text: refusal(t, result, localize(path.repeat.label, language)) });
      return;
    }
    if (path.mode === 'add') addQuietly(result.rowId);
    const rows = rowsOf(result.answers, path.repeat.id);
    const index = rows.findIndex((r) => r._row === result.rowId);
    const row = rowTitle(path.repeat, rows[index] ?? { _row: result.rowId }, index, language, t);
    onChange(result.answers);
    setSaid({ kind: 'done', text: t('fastDone', { row, what: localize(path.stamp.label, language), time }), undo: result.undo, row });
  };
  const tap = (path: FastPath): void => {
    if (path.mode === 'add') {
      record(path);
      return;
    }
    if (pickable(path, answers).length === 0) {
      setPicking(undefined);
      setSaid({ kind: 'refused', text: t('fastNoRow', { repeat: localize(path.repeat.label, language) }) });
      return;
    }
    setSaid(undefined);
    setPicking(picking?.id === path.id ? undefined : path);
  };
  const undo = (): void => {
    if (said?.kind !== 'done') return;
    onChange(undoFastPath(answers, said.undo));
    setSaid({ kind: 'undone', text: t('fastUndone', { row: said.row }) });
  };

  return (
    <>
      <button type="button" class="fast-toggle" aria-expanded={open} aria-controls={open ? 'fast-paths' : undefined} aria-label={t('fastPaths')} title={t('fastPaths')} onClick={toggle}>
        {/* A drawn stopwatch: phones' fonts lack the ⏱ character (it showed as an empty box). */}
        <svg class="fast-icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
          <circle cx="12" cy="13" r="8" fill="none" stroke="currentColor" stroke-width="2" />
          <path d="M12 13V9M10 2h4M12 2v3" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
        </svg>
      </button>
      {open && (
        <div class="fast-paths" id="fast-paths" role="group" aria-label={t('fastPaths')} data-testid="fast-paths">
          {said !== undefined && (
            <p class={`fast-said ${said.kind}`} role={said.kind === 'refused' ? 'alert' : 'status'}>
              <span>{said.text}</span>
              {said.kind === 'done' && (
                <button type="button" onClick={undo}>
                  {t('undo')}
                </button>
              )}
            </p>
          )}
          {picking !== undefined && <PickRow path={picking} answers={answers} onPick={(rowId) => record(picking, rowId)} onCancel={() => setPicking(undefined)} />}
          <div class="fast-buttons">
            {paths.map((path) => (
              <button
                key={path.id}
                type="button"
                data-fast={path.id}
                aria-pressed={path.mode === 'pick' ? picking?.id === path.id : undefined}
                aria-controls={path.mode === 'pick' && picking?.id === path.id ? 'fast-pick' : undefined}
                onClick={() => tap(path)}
              >
                {t(`fast.${path.id}`)}
              </button>
            ))}
          </div>
        </div>
      )}
    </>
  );
}

/** Whether the observer left the bar open: it stays so on this device, across reports, until they close it. */
const OPEN_KEY = 'trial-monitor.fast-paths-open';
function barOpen(): boolean {
  try {
    return localStorage.getItem(OPEN_KEY) === '1';
  } catch {
    return false;
  }
}
function rememberBarOpen(open: boolean): void {
  try {
    if (open) localStorage.setItem(OPEN_KEY, '1');
    else localStorage.removeItem(OPEN_KEY);
  } catch {
    // Storage refused (private mode): the bar still opens, for this visit only.
  }
}

/** What the chips of a path that acts on a chosen row ask. */
const PICK_PROMPTS: Readonly<Partial<Record<FastPathId, MessageKey>>> = {
  witness_testifies: 'fastPick.witness_testifies',
  witness_leaves: 'fastPick.witness_leaves',
  ruling: 'fastPick.ruling',
};

/** The rows a "testifies", "leaves" or "ruling" tap can stamp, as chips named like their cards ("W2 · 10:41"). */
function PickRow({ path, answers, onPick, onCancel }: { path: FastPath; answers: Answers; onPick: (rowId: string) => void; onCancel: () => void }) {
  const { t, language } = useI18n();
  const all = rowsOf(answers, path.repeat.id);
  const candidates = pickable(path, answers);
  return (
    <div class="fast-pick" id="fast-pick" role="group" aria-labelledby="fast-pick-prompt">
      <p id="fast-pick-prompt">{t(PICK_PROMPTS[path.id] ?? 'fastPaths')}</p>
      <div class="fast-chips">
        {candidates.map((row) => {
          const since = path.addedAt === undefined ? undefined : row[path.addedAt];
          const title = rowTitle(path.repeat, row, all.indexOf(row), language, t);
          return (
            <button key={row._row} type="button" class="chip" data-row={row._row} onClick={() => onPick(row._row)}>
              {typeof since === 'string' ? `${title} · ${since}` : title}
            </button>
          );
        })}
        <button type="button" class="chip cancel" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

function refusal(t: Translate, refused: FastPathRefusal, repeat: string): string {
  if (refused.reason === 'at_most') return t('fastAtMost', { limit: refused.limit, repeat });
  if (refused.reason === 'not_shown') return t('fastNotShown', { repeat });
  return t('fastNoRow', { repeat });
}
