import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../base/i18n/messages.ts';

export const WIPE_COUNTDOWN_SECONDS = 5;

/**
 * "Wipe this device": a 5-second countdown that one more tap cancels, so a slip does not destroy unsent work
 * and a foreseen search leaves time for nothing else. `onWipe` must not wait for the network (lock/wipe.ts).
 */
export function QuickWipe({ onWipe }: { onWipe: () => Promise<void> }) {
  const { t } = useI18n();
  const [left, setLeft] = useState<number | undefined>(undefined);
  const [wiping, setWiping] = useState(false);

  useEffect(() => {
    if (left === undefined || wiping) return;
    if (left === 0) {
      setWiping(true);
      void onWipe();
      return;
    }
    const timer = setTimeout(() => setLeft(left - 1), 1000);
    return () => clearTimeout(timer);
  }, [left, wiping, onWipe]);

  if (wiping) return <span role="status">{t('wipeRunning')}</span>;
  if (left === undefined)
    return (
      <button type="button" class="danger" onClick={() => setLeft(WIPE_COUNTDOWN_SECONDS)}>
        {t('wipeNow')}
      </button>
    );
  return (
    <button type="button" class="danger" aria-live="assertive" onClick={() => setLeft(undefined)}>
      {t('wipeCountdown', { seconds: left })}
    </button>
  );
}
