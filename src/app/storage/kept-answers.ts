import type { Answers } from '../../core/forms/answers.ts';
import { createStore } from '../base/store.ts';

/**
 * Answers the device database refused to store (a full disk). They stay in memory and in sessionStorage
 * (which survives a reload of this tab and has its own quota), so the observer can download them, until a
 * later save of the same report succeeds.
 */
export interface KeptAnswers {
  readonly reportId: string;
  readonly answers: Answers;
  readonly keptAt: string;
}

const SESSION_KEY = 'trial-monitor-kept-answers';

export const keptAnswers = createStore<readonly KeptAnswers[]>(readSession());

function readSession(): readonly KeptAnswers[] {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    const parsed: unknown = raw === null ? [] : JSON.parse(raw);
    return Array.isArray(parsed) ? (parsed as KeptAnswers[]).filter((k) => typeof k.reportId === 'string' && typeof k.answers === 'object') : [];
  } catch {
    return [];
  }
}

function publish(list: readonly KeptAnswers[]): void {
  keptAnswers.set(list);
  try {
    if (list.length === 0) sessionStorage.removeItem(SESSION_KEY);
    else sessionStorage.setItem(SESSION_KEY, JSON.stringify(list));
  } catch {
    // sessionStorage full or blocked: the copy in memory is still there and the banner offers the download.
  }
}

export function keepAnswers(reportId: string, answers: Answers, now = new Date()): void {
  publish([...keptAnswers.get().filter((k) => k.reportId !== reportId), { reportId, answers, keptAt: now.toISOString() }]);
}

export function releaseAnswers(reportId: string): void {
  if (keptAnswers.get().some((k) => k.reportId === reportId)) publish(keptAnswers.get().filter((k) => k.reportId !== reportId));
}
