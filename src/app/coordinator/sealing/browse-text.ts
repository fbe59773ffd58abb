import { useI18n } from '../../base/i18n/messages.ts';

/**
 * The words of a sealed project's case, list and thematic screens while its reports are opened in the
 * browser, in English and Russian (Russian must have every key: the typecheck says so).
 */
const en = {
  caseLocked: '{sealed} of the {total} reports of this case are sealed. Unlock the project’s sealed reports once for this session to see the findings, the assessments and the exports.',
  listLocked: 'The concern counts of sealed reports (–) are known only in a browser that holds the project key: unlock it to count them here.',
  themesLocked: 'This project is sealed: its thematic view is counted in your browser once its sealed reports are unlocked.',
  unlockHere: 'Unlock sealed reports',
  opening: 'Opening {done} of {total} reports…',
  unopenedTitle: 'Reports that cannot be opened',
  unopenedHelp: 'They are left out of the findings, the assessments, the counts and every export; everything else is shown as usual.',
  unopened: 'Report {id} (version {version}, {date}, {observer}): altered, moved to another report or version, or sealed to another key.',
} as const;
export type BrowseKey = keyof typeof en;

const ru: Record<BrowseKey, string> = {
  caseLocked: 'Зашифровано отчётов этого дела: {sealed} из {total}. Расшифруйте зашифрованные отчёты проекта один раз за сеанс, чтобы увидеть нарушения, оценки и экспорт.',
  listLocked: 'Число нарушений в зашифрованных отчётах (–) известно только в браузере с ключом проекта: расшифруйте их, чтобы посчитать здесь.',
  themesLocked: 'Этот проект зашифрован: его тематический обзор считается в вашем браузере, когда зашифрованные отчёты расшифрованы.',
  unlockHere: 'Расшифровать отчёты',
  opening: 'Расшифровываем отчёты: {done} из {total}…',
  unopenedTitle: 'Отчёты, которые не расшифровываются',
  unopenedHelp: 'Они не входят в нарушения, оценки, подсчёты и экспорт; всё остальное показано как обычно.',
  unopened: 'Отчёт {id} (версия {version}, {date}, {observer}): изменён, перенесён в другой отчёт или версию или зашифрован другим ключом.',
};

export type BrowseText = (key: BrowseKey, params?: Readonly<Record<string, string | number>>) => string;

export function useBrowseText(): BrowseText {
  const { language } = useI18n();
  const words: Record<BrowseKey, string> = language === 'ru' ? ru : en;
  return (key, params) => words[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? ''));
}
