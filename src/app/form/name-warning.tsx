import { createContext } from 'preact';
import { useContext, useMemo } from 'preact/hooks';
import type { NameMatcher } from '../../core/export/redact-names.ts';
import { useI18n } from '../base/i18n/messages.ts';

/** The matcher of the observer's register for the report on screen (the report screen provides it). */
export const NameMatcherContext = createContext<NameMatcher | undefined>(undefined);

/**
 * A quiet line under a free-text answer that names a registered person: the observer may write the code
 * instead. It does not block or change anything (the coordinator's codes-only export replaces the name),
 * and it uses the export's own matcher, so it warns exactly where the export would replace.
 */
export function NameWarning({ text, id }: { text: string; id: string }) {
  const matcher = useContext(NameMatcherContext);
  const { t } = useI18n();
  const names = useMemo(() => (matcher === undefined || text === '' ? false : matcher.find(text).length > 0), [matcher, text]);
  if (!names) return null;
  return (
    <p class="help name-warning" id={id} role="status" data-testid="name-warning">
      {t('nameWarning')}
    </p>
  );
}
