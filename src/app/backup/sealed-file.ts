import { open, passphraseKey, PBKDF2_ITERATIONS, seal, TamperedCiphertext } from '../lock/crypto.ts';
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { BackupError } from './import-backup.ts';

/**
 * A backup file leaves the app encrypted with a passphrase the observer types when saving it (not the lock's
 * passphrase: a file may be handed to a colleague or kept on a computer). The backup JSON is sealed with
 * AES-GCM-256 under a PBKDF2-SHA-256 key (600,000 iterations, a fresh salt per file); the envelope below holds
 * only what is needed to open it. A wrong passphrase and an altered file cannot be told apart (AES-GCM), and
 * both change nothing.
 */
export const SEALED_BACKUP_FORMAT = 'trial-monitor-backup-sealed';
const SEALED_VERSION = 1;
const CONTEXT = `${SEALED_BACKUP_FORMAT}/${SEALED_VERSION}`;

interface SealedBackup {
  readonly format: typeof SEALED_BACKUP_FORMAT;
  readonly version: number;
  readonly kdf: { readonly name: 'PBKDF2-SHA-256'; readonly iterations: number; readonly salt: string };
  readonly data: string;
}

export async function sealBackupText(text: string, passphrase: string): Promise<string> {
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
  const key = await passphraseKey(passphrase, salt, PBKDF2_ITERATIONS, ['encrypt', 'decrypt']);
  const sealed = await seal(key, new TextEncoder().encode(text), CONTEXT);
  const file: SealedBackup = { format: SEALED_BACKUP_FORMAT, version: SEALED_VERSION, kdf: { name: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS, salt: bytesToBase64(salt) }, data: bytesToBase64(sealed) };
  return JSON.stringify(file);
}

/** Whether a file's text is a sealed backup (then it needs the passphrase). Files saved before sealing are plain JSON. */
export function isSealedBackup(text: string): boolean {
  try {
    return (JSON.parse(text) as { format?: unknown } | null)?.format === SEALED_BACKUP_FORMAT;
  } catch {
    return false;
  }
}

/** The backup JSON inside a sealed file. Throws BackupError: wrong_passphrase (or altered), newer_version, invalid. */
export async function openBackupText(text: string, passphrase: string): Promise<string> {
  let file: Partial<SealedBackup>;
  try {
    file = JSON.parse(text) as Partial<SealedBackup>;
  } catch {
    throw new BackupError('not_json');
  }
  if (file.format !== SEALED_BACKUP_FORMAT) throw new BackupError('not_backup');
  if (typeof file.version !== 'number' || file.version > SEALED_VERSION) throw new BackupError('newer_version');
  const { kdf, data } = file;
  if (kdf?.name !== 'PBKDF2-SHA-256' || !Number.isSafeInteger(kdf.iterations) || kdf.iterations < PBKDF2_ITERATIONS || kdf.iterations > 10_000_000 || typeof kdf.salt !== 'string' || typeof data !== 'string') {
    throw new BackupError('invalid');
  }
  let salt: Uint8Array<ArrayBuffer>;
  let sealed: Uint8Array<ArrayBuffer>;
  try {
    salt = base64ToBytes(kdf.salt);
    sealed = base64ToBytes(data);
  } catch {
    throw new BackupError('invalid');
  }
  const key = await passphraseKey(passphrase, salt, kdf.iterations, ['encrypt', 'decrypt']);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await open(key, sealed, CONTEXT));
  } catch (error) {
    if (error instanceof TamperedCiphertext) throw new BackupError('wrong_passphrase');
    throw new BackupError('invalid');
  }
}
