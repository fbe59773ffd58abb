import type { Answers } from '../../core/forms/answers.ts';
import { markSaved, markUnsaved } from '../pwa/unsaved.ts';
import { afterFirstSave } from './persistence.ts';
import { keepAnswers, releaseAnswers } from './kept-answers.ts';
import { isQuotaError } from './quota.ts';

const latest = new Map<string, number>();
let counter = 0;

/**
 * Wraps one autosave of a report's whole answers document. Called when the answer changes (not when the queued
 * write starts), it marks the report unsaved at once, so an update cannot reload the page in between; the
 * returned function runs the write. The mark is cleared only when the newest write of that report lands.
 * A full disk keeps the answers (kept-answers.ts) and the mark, shows the storage-full notice, and resolves:
 * the notice, not the form, tells the observer what happened. Any other failure is rethrown to the form.
 */
export function guardSave(reportId: string, answers: Answers, write: () => Promise<void>): () => Promise<void> {
  counter += 1;
  const ticket = counter;
  latest.set(reportId, ticket);
  markUnsaved(reportId);
  return async () => {
    try {
      await write();
    } catch (error) {
      if (!isQuotaError(error)) throw error;
      keepAnswers(reportId, answers);
      return;
    }
    if (latest.get(reportId) !== ticket) return;
    latest.delete(reportId);
    releaseAnswers(reportId);
    markSaved(reportId);
    afterFirstSave();
  };
}
