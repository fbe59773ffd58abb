import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDataKey } from '../../../src/app/lock/crypto.ts';
import { forgetKeptAnswers, keepAnswers, keptAnswers, keptAnswersWritten, openKeptAnswers, releaseAnswers, SESSION_KEY } from '../../../src/app/storage/kept-answers.ts';

/**
 * Issue 10: answers a full disk refused were kept in sessionStorage as plain JSON, and Chromium writes
 * sessionStorage into the profile folder for session restore. Here, as someone reading that storage would:
 * no word of the answers in it, only the lock's data key opens it again, and a locked app forgets them.
 */
class MemoryStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, value);
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

const WORD = 'Quelmpraxkept';
let storage: MemoryStorage;

beforeEach(() => {
  storage = new MemoryStorage();
  vi.stubGlobal('sessionStorage', storage);
  forgetKeptAnswers();
});
afterEach(() => vi.unstubAllGlobals());

/** What someone reading the session storage files finds, as text and decoded from base64 both. */
function readable(): string {
  const raw = storage.getItem(SESSION_KEY) ?? '';
  return `${raw}\n${Buffer.from(raw, 'base64').toString('utf8')}`;
}

describe('answers a full disk refused', () => {
  it('are kept in session storage only sealed with the data key, and open again after a reload and an unlock', async () => {
    const { key } = await createDataKey('seven quiet rivers');
    await openKeptAnswers(key);
    keepAnswers('r1', { summary_text: `The ${WORD} bailiff` }, new Date('2026-12-03T10:00:00Z'));
    await keptAnswersWritten();
    expect(storage.getItem(SESSION_KEY)).not.toBeNull();
    expect(readable()).not.toContain(WORD);
    expect(readable()).not.toContain('summary_text');

    // The tab reloads (or the phone dropped it and brings it back): locked, nothing readable in memory.
    forgetKeptAnswers();
    expect(keptAnswers.get()).toEqual([]);
    await openKeptAnswers(key);
    expect(keptAnswers.get()).toEqual([{ reportId: 'r1', answers: { summary_text: `The ${WORD} bailiff` }, keptAt: '2026-12-03T10:00:00.000Z' }]);

    // Saved at last: nothing is left in session storage.
    releaseAnswers('r1');
    await keptAnswersWritten();
    expect(storage.getItem(SESSION_KEY)).toBeNull();
  });

  it('do not open with another key, and are forgotten when the app locks', async () => {
    const mine = await createDataKey('seven quiet rivers');
    const other = await createDataKey('another phone');
    await openKeptAnswers(mine.key);
    keepAnswers('r2', { a: WORD });
    await keptAnswersWritten();
    forgetKeptAnswers();
    await openKeptAnswers(other.key);
    expect(keptAnswers.get()).toEqual([]);
  });

  it('kept readable by an earlier version are sealed at the next unlock', async () => {
    storage.setItem(SESSION_KEY, JSON.stringify([{ reportId: 'r3', answers: { a: WORD }, keptAt: '2026-12-01T00:00:00.000Z' }]));
    const { key } = await createDataKey('seven quiet rivers');
    await openKeptAnswers(key);
    await keptAnswersWritten();
    expect(keptAnswers.get()).toEqual([{ reportId: 'r3', answers: { a: WORD }, keptAt: '2026-12-01T00:00:00.000Z' }]);
    expect(readable()).not.toContain(WORD);
  });

  it('keep the newest answers of a report when a save fails again after the unlock', async () => {
    const { key } = await createDataKey('seven quiet rivers');
    await openKeptAnswers(key);
    keepAnswers('r4', { a: 'first' });
    keepAnswers('r4', { a: 'second' });
    keepAnswers('r5', { a: 'other' });
    await keptAnswersWritten();
    forgetKeptAnswers();
    await openKeptAnswers(key);
    expect(keptAnswers.get().map((k) => [k.reportId, k.answers['a']])).toEqual([
      ['r4', 'second'],
      ['r5', 'other'],
    ]);
  });
});
