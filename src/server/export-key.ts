import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { openRecovery, RecoveryError } from '../core/seal/recovery-file.ts';
import type { UnlockedKey } from '../core/seal/keys.ts';
import { askSecret } from './ask-secret.ts';
import { CliError, type CliErrorCode } from './cli-errors.ts';
import type { Database } from './db/schema.ts';
import { serverSealCrypto } from './seal-crypto.ts';

/** The environment variable the export command reads the recovery code from, when set. */
export const RECOVERY_CODE_VARIABLE = 'EXPORT_RECOVERY_CODE';

/** A refusal about the key of a sealed project: the export command exits with code 2 and writes nothing. */
export class KeyError<C extends CliErrorCode = CliErrorCode> extends CliError<C> {}

/**
 * The project's private key from its recovery file (`--key-file`, src/core/seal/recovery-file.ts) and its
 * recovery code (askSecret), checked against the project's current seal before anything is opened with
 * it. Only this process's memory ever holds the key.
 */
export async function exportKey(db: Kysely<Database>, path: string, project: { readonly id: string; readonly name: string }): Promise<UnlockedKey> {
  const seal = await db.selectFrom('project_seals').select('kid').where('project_id', '=', project.id).executeTakeFirst();
  if (seal === undefined) throw new KeyError('key_file_for_open_project', { project: project.name });
  let fileText: string;
  try {
    fileText = await readFile(path, 'utf8');
  } catch (error) {
    throw new KeyError('key_file_unreadable', { path, detail: error instanceof Error && 'code' in error ? String(error.code) : 'unreadable' });
  }
  const code = await askSecret(`Recovery code for ${path}: `, RECOVERY_CODE_VARIABLE);
  if (code === '') throw new KeyError('no_recovery_code', { variable: RECOVERY_CODE_VARIABLE });
  try {
    return await openRecovery(serverSealCrypto, fileText, code, project.id, seal);
  } catch (error) {
    if (!(error instanceof RecoveryError)) throw error;
    if (error.fault === 'wrong_code') throw new KeyError('wrong_recovery_code', {});
    if (error.fault === 'other_project') throw new KeyError('key_file_other_project', { path, project: project.name });
    throw new KeyError('not_a_key_file', { path });
  }
}
