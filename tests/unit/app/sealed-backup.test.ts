import { describe, expect, it } from 'vitest';
import { BackupError } from '../../../src/app/backup/import-backup.ts';
import { isSealedBackup, openBackupText, sealBackupText } from '../../../src/app/backup/sealed-file.ts';

const codeOf = async (work: Promise<unknown>): Promise<string> =>
  work.then(
    () => 'opened',
    (error: unknown) => (error instanceof BackupError ? error.code : String(error)),
  );

describe('backup files sealed with a passphrase', () => {
  it('open only with their passphrase, and any alteration is refused', async () => {
    const text = JSON.stringify({ format: 'trial-monitor-backup', version: 1, reports: [{ answers: { summary: 'Torture was alleged' } }] });
    const sealed = await sealBackupText(text, 'for the memory card');
    expect(isSealedBackup(sealed)).toBe(true);
    expect(isSealedBackup(text)).toBe(false);
    expect(sealed).not.toContain('Torture');
    expect(await openBackupText(sealed, 'for the memory card')).toBe(text);

    expect(await codeOf(openBackupText(sealed, 'for the memory cart'))).toBe('wrong_passphrase');
    const file = JSON.parse(sealed) as { data: string; kdf: { iterations: number; salt: string } };
    const flipped = { ...file, data: `${file.data.slice(0, 20)}${file.data[20] === 'A' ? 'B' : 'A'}${file.data.slice(21)}` };
    expect(await codeOf(openBackupText(JSON.stringify(flipped), 'for the memory card'))).toBe('wrong_passphrase');
    // A weakened key derivation, a broken envelope, a foreign or newer file: each refused with its code.
    expect(await codeOf(openBackupText(JSON.stringify({ ...file, kdf: { ...file.kdf, iterations: 1000 } }), 'for the memory card'))).toBe('invalid');
    expect(await codeOf(openBackupText(JSON.stringify({ ...file, data: '***' }), 'for the memory card'))).toBe('invalid');
    expect(await codeOf(openBackupText(JSON.stringify({ ...file, version: 2 }), 'for the memory card'))).toBe('newer_version');
    expect(await codeOf(openBackupText('{"hello": 1}', 'x'))).toBe('not_backup');
    expect(await codeOf(openBackupText('not json', 'x'))).toBe('not_json');
  });
});
