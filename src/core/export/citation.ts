import type { Right } from '../forms/standards.ts';
import { localize } from '../forms/types.ts';

// The catalogue names instruments in English; a Russian report must not leave "ICCPR 7" behind. New
// instruments added to forms/standards.json need their Russian name here (a test checks every one).
const RUSSIAN_INSTRUMENTS: Readonly<Record<string, string>> = {
  ICCPR: 'МПГПП',
  'UN Convention against Torture': 'Конвенция ООН против пыток',
  'Convention on the Rights of the Child': 'Конвенция о правах ребёнка',
  'OSCE Copenhagen Document 1990': 'Копенгагенский документ ОБСЕ 1990 г.',
  'UN Basic Principles on the Role of Lawyers': 'Основные принципы ООН, касающиеся роли юристов',
  'UN Declaration on Human Rights Defenders': 'Декларация ООН о правозащитниках',
  'National code of criminal procedure': 'Национальный уголовно-процессуальный кодекс',
  ECHR: 'ЕКПЧ',
  'European Convention on Human Rights': 'ЕКПЧ',
  'Vienna Convention on Consular Relations': 'Венская конвенция о консульских сношениях',
};

/** The instrument and article of a right in the report's language: "ICCPR 14(1)", «МПГПП, ст. 14(1)». */
export function rightCitation(right: Right, language: string): string {
  if (language !== 'ru') return `${right.instrument} ${right.article}`;
  const instrument = RUSSIAN_INSTRUMENTS[right.instrument] ?? right.instrument;
  const paragraph = /^paragraph (.+)$/.exec(right.article)?.[1];
  if (paragraph !== undefined) return `${instrument}, п. ${paragraph}`;
  if (right.article === 'set by the project') return `${instrument} (статья по выбору проекта)`;
  return `${instrument}, ст. ${right.article}`;
}

/** "ICCPR 14(1) · Public hearing": how screens and reports name a right; an unknown id stays as it is. */
export function rightName(right: Right | undefined, id: string, language: string): string {
  return right === undefined ? id : `${rightCitation(right, language)} · ${localize(right.title, language)}`;
}

/** The instruments with a Russian name, for the test that keeps the catalogue covered. */
export function hasRussianInstrument(instrument: string): boolean {
  return instrument in RUSSIAN_INSTRUMENTS;
}
