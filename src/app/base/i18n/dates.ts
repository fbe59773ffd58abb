/**
 * Dates and times in the language the observer chose, in the phone's own regional form of it when it
 * has one (en-GB writes 02/12/2026, 16:11; Russian 02.12.2026, 16:11), never the bare language's
 * default (US English for "en"): English without a region is written the day-first way, as en-GB.
 * Formatters are made once per locale and kind: the first toLocaleString on a page cost 17-60 ms.
 */
const REGIONLESS: Readonly<Record<string, string>> = { en: 'en-GB' };

export function localeFor(language: string, preferred: readonly string[] = typeof navigator === 'undefined' ? [] : navigator.languages): string {
  const regional = preferred.find((tag) => tag.toLowerCase().split('-')[0] === language && tag.includes('-'));
  return regional ?? REGIONLESS[language] ?? language;
}

type Kind = 'dateTime' | 'date' | 'time';
const OPTIONS: Readonly<Record<Kind, Intl.DateTimeFormatOptions>> = {
  dateTime: { dateStyle: 'short', timeStyle: 'short' },
  date: { dateStyle: 'medium' },
  time: { hour: '2-digit', minute: '2-digit' },
};
const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(language: string, kind: Kind): Intl.DateTimeFormat {
  const locale = localeFor(language);
  const key = `${locale}|${kind}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, OPTIONS[kind]);
    formats.set(key, format);
  }
  return format;
}

/** A moment (ISO timestamp or epoch ms) as date and time. */
export function formatDateTime(at: string | number, language: string): string {
  return formatter(language, 'dateTime').format(new Date(at));
}

/** A moment's time of day, hours and minutes. */
export function formatTime(at: string | number, language: string): string {
  return formatter(language, 'time').format(new Date(at));
}

/** A calendar date as the form stores it (YYYY-MM-DD, no time zone); anything else is shown as it is. */
export function formatDay(ymd: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd);
  if (match === null) return ymd;
  return formatter(language, 'date').format(new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
}
