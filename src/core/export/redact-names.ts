import { inflectedForms } from './redact-inflections.ts';
import { letterCount, nameProblem, nameWords, SHORT_WORD, standsAlone } from './redact-register.ts';
import { skeleton } from './redact-spelling.ts';

/** A person the matcher looks for: the code that replaces their name, and the name as registered. */
export interface NamedPerson {
  readonly code: string;
  readonly name: string;
}

/** One place in a text where registered people are named: the span and the code(s) that replace it. */
export interface NameMatch {
  readonly start: number;
  readonly end: number;
  /** Usually one code; two people sharing a surname («Иванов» alone, father and son) give both. */
  readonly codes: readonly string[];
}

export interface NameMatcher {
  /** Every place the text names a registered person, in order. */
  find(text: string): NameMatch[];
  /** The text with each of those places replaced by the code(s). */
  redact(text: string): string;
}

interface Candidate {
  readonly person: number;
  /** The word is long and not an ordinary word: replaced even on its own. */
  readonly alone: boolean;
  readonly initial: boolean;
  /** Which word of the person's name this is (-1: an initial), so that «ли ли» is not two words of «Ли Мин». */
  readonly part: number;
}

/** Between two words of one name: spaces, a hyphen or a dot (Петров-Водкин, И. Иванов, "Ivanov, Ivan" is two mentions). */
// Empty after an initial's dot ("И.И. Иванов").
const JOINER = /^[\s\u00a0.\-\u2010\u2011]{0,3}$/u;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Builds the matcher for a register. Text is cut into words on Unicode letter boundaries, so a name is
 * only ever found as a whole word, never as part of one («Ли» is not found in «Лилия» or «ли»). Each
 * word is compared by its skeleton (redact-spelling.ts: Latin and Cyrillic, any case, transliteration
 * variants) against every form of the registered names (redact-inflections.ts). Words that are short
 * or ordinary (redact-register.ts) match only as the exact word and only next to another word of the
 * same person's name; initials ("И.") are taken along when they stand next to a name. Entries whose
 * name cannot be matched safely (nameProblem) are left out: the register refuses them on entry.
 */
export function nameMatcher(people: readonly NamedPerson[]): NameMatcher {
  const byForm = new Map<string, Candidate[]>();
  const add = (form: string, candidate: Candidate): void => {
    if (form === '') return;
    const list = byForm.get(form) ?? [];
    if (!list.some((c) => c.person === candidate.person && c.part === candidate.part && c.alone === candidate.alone && c.initial === candidate.initial)) list.push(candidate);
    byForm.set(form, list);
  };
  const initials = new Map<string, number[]>();
  people.forEach((person, index) => {
    if (nameProblem(person.name) !== undefined) return;
    nameWords(person.name).forEach((word, part) => {
      const alone = standsAlone(word);
      // A short word declines too (Ким, Кима), but matching its forms would find ordinary words: exact only.
      for (const form of letterCount(word) < SHORT_WORD ? [skeleton(word)] : inflectedForms(word)) add(form, { person: index, alone, initial: false, part });
      const first = skeleton(word).charAt(0);
      initials.set(first, [...(initials.get(first) ?? []), index]);
    });
  });

  // A long trial's export compares the same words thousands of times.
  const skeletons = new Map<string, string>();
  const skeletonOf = (word: string): string => {
    let known = skeletons.get(word);
    if (known === undefined) {
      known = skeleton(word);
      skeletons.set(word, known);
    }
    return known;
  };

  const find = (text: string): NameMatch[] => {
    const matches: NameMatch[] = [];
    let run: { start: number; end: number; people: Set<number>; words: { candidates: readonly Candidate[] }[] } | undefined;
    const close = (): void => {
      if (run === undefined) return;
      const current = run;
      run = undefined;
      const accepted = [...current.people].filter((person) => {
        const own = current.words.map((w) => w.candidates.filter((c) => c.person === person));
        // Two different words of the name: the same short word twice («ли ли») names nobody.
        const parts = new Set(own.flatMap((cs) => cs.filter((c) => !c.initial).map((c) => c.part)));
        return own.some((cs) => cs.some((c) => c.alone)) || parts.size >= 2;
      });
      if (accepted.length === 0) return;
      const codes = [...new Set(accepted.map((p) => people[p]?.code ?? ''))].sort();
      matches.push({ start: current.start, end: current.end, codes });
    };
    for (const token of text.matchAll(WORD)) {
      const word = token[0];
      const start = token.index;
      const end = start + word.length;
      let candidates: readonly Candidate[] = byForm.get(skeletonOf(word)) ?? [];
      // A single letter followed by a dot is an initial: it belongs to a name standing next to it.
      if (candidates.length === 0 && letterCount(word) === 1 && text.charAt(end) === '.') {
        candidates = (initials.get(skeletonOf(word).charAt(0)) ?? []).map((person) => ({ person, alone: false, initial: true, part: -1 }));
      }
      const joined = run !== undefined && JOINER.test(text.slice(run.end, start));
      const shared = run === undefined || !joined ? [] : candidates.filter((c) => run?.people.has(c.person) === true);
      if (run !== undefined && shared.length > 0) {
        const people = new Set(shared.map((c) => c.person));
        run = { start: run.start, end: initialEnd(end, candidates), people, words: [...run.words, { candidates: shared }] };
        continue;
      }
      close();
      if (candidates.length > 0) run = { start, end: initialEnd(end, candidates), people: new Set(candidates.map((c) => c.person)), words: [{ candidates }] };
    }
    close();
    return matches;
  };

  return {
    find,
    redact(text: string): string {
      let out = '';
      let at = 0;
      for (const match of find(text)) {
        out += text.slice(at, match.start) + match.codes.join('/');
        at = match.end;
      }
      return out + text.slice(at);
    },
  };
}

/** An initial's dot is part of the name it stands in ("И. Иванов" becomes "D1", not ". D1"). */
function initialEnd(end: number, candidates: readonly Candidate[]): number {
  return candidates.every((c) => c.initial) ? end + 1 : end;
}
