import type { Answers } from '../../core/forms/answers.ts';
import { createStore } from '../base/store.ts';
import { open, seal } from '../lock/crypto.ts';

/**
 * Answers the device database refused to store (a full disk), kept so the observer can download them until a
 * later save of the same report succeeds. In memory while the app is unlocked; in sessionStorage only sealed
 * with the data key (AES-GCM, the lock's key), so that they survive a reload or a phone dropping the tab to
 * free memory (the tab comes back with its sessionStorage) without a readable word in the profile folder:
 * Chromium writes sessionStorage to disk for session restore. Locking forgets the readable copy (the notice
 * and its download would hand the words to whoever holds the locked phone); unlocking opens the sealed one
 * again (docs/security.md, "Answers a full disk refused").
 */
export interface KeptAnswers {
  readonly reportId: string;
  readonly answers: Answers;
  readonly keptAt: string;
}

export const SESSION_KEY = 'trial-monitor-kept-answers';
// Bound into the ciphertext: a value sealed for another purpose does not open here.
const CONTEXT = 'kept-answers';

export const keptAnswers = createStore<readonly KeptAnswers[]>([]);

let dataKey: CryptoKey | undefined;
// Writes are sealed one after another, so the newest list is the one left in sessionStorage.
let writing: Promise<void> = Promise.resolve();

/** After unlocking: the kept answers of this tab, opened with the data key (none if they do not open). */
export async function openKeptAnswers(key: CryptoKey): Promise<void> {
  dataKey = key;
  const raw = readSession();
  if (raw === null) return;
  const opened = await openSealed(key, raw);
  // Kept before sealing existed (plain JSON): sealed now, so no readable copy stays behind.
  const list = opened ?? legacyPlain(raw);
  if (list.length === 0 && opened === undefined) removeSession();
  if (list.length > 0) publish(mergeNewer(list, keptAnswers.get()));
}

/** When locking: the readable copy and the key are forgotten; the sealed copy stays for the next unlock. */
export function forgetKeptAnswers(): void {
  dataKey = undefined;
  keptAnswers.set([]);
}

export function keepAnswers(reportId: string, answers: Answers, now = new Date()): void {
  publish([...keptAnswers.get().filter((k) => k.reportId !== reportId), { reportId, answers, keptAt: now.toISOString() }]);
}

export function releaseAnswers(reportId: string): void {
  if (keptAnswers.get().some((k) => k.reportId === reportId)) publish(keptAnswers.get().filter((k) => k.reportId !== reportId));
}

/** Resolves once the latest list is in sessionStorage (sealed): tests wait on it. */
export function keptAnswersWritten(): Promise<void> {
  return writing;
}

function publish(list: readonly KeptAnswers[]): void {
  keptAnswers.set(list);
  const key = dataKey;
  writing = writing.then(async () => {
    if (list.length === 0) return removeSession();
    // No key (never the case while a form saves): memory only, with the download offer.
    if (key === undefined) return;
    const sealed = await seal(key, new TextEncoder().encode(JSON.stringify(list)), CONTEXT);
    writeSession(toBase64(sealed));
  });
  writing = writing.catch(() => undefined);
}

/** The list a session holds, newest per report: what this page kept since the unlock wins over the sealed copy. */
function mergeNewer(sealed: readonly KeptAnswers[], inMemory: readonly KeptAnswers[]): KeptAnswers[] {
  const fresh = new Set(inMemory.map((k) => k.reportId));
  return [...sealed.filter((k) => !fresh.has(k.reportId)), ...inMemory];
}

async function openSealed(key: CryptoKey, raw: string): Promise<KeptAnswers[] | undefined> {
  const bytes = fromBase64(raw);
  if (bytes === undefined) return undefined;
  try {
    return validList(JSON.parse(new TextDecoder().decode(await open(key, bytes, CONTEXT))));
  } catch {
    return undefined;
  }
}

function legacyPlain(raw: string): KeptAnswers[] {
  try {
    return validList(JSON.parse(raw));
  } catch {
    return [];
  }
}

function validList(parsed: unknown): KeptAnswers[] {
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((k): k is KeptAnswers => {
    if (typeof k !== 'object' || k === null) return false;
    const v = k as Record<string, unknown>;
    return typeof v['reportId'] === 'string' && typeof v['answers'] === 'object' && v['answers'] !== null && typeof v['keptAt'] === 'string';
  });
}

// sessionStorage full or blocked: the copy in memory is still there and the notice offers the download.
function readSession(): string | null {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}
function writeSession(value: string): void {
  try {
    sessionStorage.setItem(SESSION_KEY, value);
  } catch {
    // See readSession.
  }
}
function removeSession(): void {
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // See readSession.
  }
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return undefined;
  }
}
