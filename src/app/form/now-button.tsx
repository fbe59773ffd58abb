import { useI18n } from '../base/i18n/messages.ts';

/** The device's local time as HH:MM and date as YYYY-MM-DD: what the form's time and date fields hold. */
export function localTime(now: Date): string {
  return `${pad(now.getHours())}:${pad(now.getMinutes())}`;
}
export function localDate(now: Date): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** One tap records the current time (or today's date): in court the observer has no time to type it. */
export function NowButton({ kind, onPick }: { kind: 'date' | 'time'; onPick: (value: string) => void }) {
  const { t } = useI18n();
  const text = kind === 'time' ? t('now') : t('today');
  return (
    // No aria-label naming the question: the button sits inside the question, and a label containing the
    // question's words would make "the field labelled X" ambiguous for assistive tools.
    <button type="button" class="now" onClick={() => onPick(kind === 'time' ? localTime(new Date()) : localDate(new Date()))}>
      {text}
    </button>
  );
}
