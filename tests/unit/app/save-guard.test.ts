import { describe, expect, it } from 'vitest';
import { hasUnsavedWork, unsavedWork } from '../../../src/app/pwa/unsaved.ts';
import { keptAnswers } from '../../../src/app/storage/kept-answers.ts';
import { guardSave } from '../../../src/app/storage/save-guard.ts';

const full = (): Promise<void> => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
const ok = (): Promise<void> => Promise.resolve();

describe('the autosave guard', () => {
  it('marks a report unsaved from the change until its newest write has landed', async () => {
    const first = guardSave('r1', { a: '1' }, ok);
    const second = guardSave('r1', { a: '12' }, ok);
    expect(unsavedWork.get().has('r1')).toBe(true);
    await first();
    // An older write landing does not clear the mark: the newest answers are still on their way.
    expect(hasUnsavedWork()).toBe(true);
    await second();
    expect(hasUnsavedWork()).toBe(false);
  });

  it('keeps the answers and the mark when the disk is full, until a later write succeeds', async () => {
    await guardSave('r2', { a: 'refused' }, full)();
    expect(unsavedWork.get().has('r2')).toBe(true);
    expect(keptAnswers.get()).toEqual([expect.objectContaining({ reportId: 'r2', answers: { a: 'refused' } })]);
    await guardSave('r2', { a: 'refused, then saved' }, ok)();
    expect(hasUnsavedWork()).toBe(false);
    expect(keptAnswers.get()).toEqual([]);
  });

  it('passes any other failure to the form, still unsaved', async () => {
    await expect(guardSave('r3', { a: 'x' }, () => Promise.reject(new Error('disk on fire')))()).rejects.toThrow('disk on fire');
    expect(unsavedWork.get().has('r3')).toBe(true);
    expect(keptAnswers.get()).toEqual([]);
  });
});
