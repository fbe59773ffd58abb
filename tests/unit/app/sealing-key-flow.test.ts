import { describe, expect, it } from 'vitest';
import {
  checkPersonalPassphrase,
  createPersonalKey,
  createProjectKey,
  grantTo,
  openGrant,
  rewrapPersonalKey,
  unlockPersonalKey,
} from '../../../src/app/coordinator/sealing/key-flow.ts';
import type { KeyGrant, PersonalKey } from '../../../src/core/api/keys.ts';
import { makeRecovery, newRecoveryCode, normaliseRecoveryCode, openRecovery } from '../../../src/core/seal/recovery-file.ts';
import type { SealCrypto } from '../../../src/core/seal/web-crypto.ts';

/** The coordinator's key flow (src/app/coordinator/sealing/key-flow.ts) on Node's WebCrypto. */
const crypto: SealCrypto = globalThis.crypto;
const PASS = 'a long personal passphrase';

async function personal(userId: string, passphrase = PASS): Promise<{ stored: PersonalKey; kid: string }> {
  const made = await createPersonalKey(crypto, userId, passphrase);
  return { stored: { ...made.body, kid: made.unlocked.kid, updatedAt: 'now' }, kid: made.unlocked.kid };
}

describe('sealing key flow', () => {
  it('unlocks a personal key with its passphrase only, and for its own person only', async () => {
    const { stored, kid } = await personal('u1');
    expect((await unlockPersonalKey(crypto, 'u1', stored, PASS)).kid).toBe(kid);
    await expect(unlockPersonalKey(crypto, 'u1', stored, 'a wrong passphrase!!')).rejects.toMatchObject({ fault: 'wrong_passphrase' });
    // Bound to the person: the same wrapped key presented as another person's does not open.
    await expect(unlockPersonalKey(crypto, 'u2', stored, PASS)).rejects.toMatchObject({ fault: 'wrong_passphrase' });
    // A stored public key that is not the private key's half is caught.
    const other = await personal('u1');
    await expect(unlockPersonalKey(crypto, 'u1', { ...stored, kid: other.kid }, PASS)).rejects.toMatchObject({ fault: 'cannot_open' });
  });

  it('re-wraps a personal key under a new passphrase, keeping its public key', async () => {
    const { stored } = await personal('u1');
    const unlocked = await unlockPersonalKey(crypto, 'u1', stored, PASS);
    const rewrapped = await rewrapPersonalKey(crypto, 'u1', stored, unlocked, 'another long passphrase');
    expect(rewrapped.publicKey).toEqual(stored.publicKey);
    const again = await unlockPersonalKey(crypto, 'u1', { ...stored, wrappedPrivateKey: rewrapped.wrappedPrivateKey }, 'another long passphrase');
    expect(again.kid).toBe(stored.kid);
  });

  it('grants a project key that only the grantee opens, for that project and key only', async () => {
    const project = await createProjectKey(crypto);
    const a = await personal('coord-a');
    const b = await personal('coord-b');
    const box = await grantTo(crypto, 'p1', project.unlocked, { userId: 'coord-b', kid: b.kid, publicKey: b.stored.publicKey });
    const grant: KeyGrant = { projectId: 'p1', projectKid: project.unlocked.kid, sealedKey: box, grantedBy: 'coord-a', grantedAt: 'now' };
    const bKey = await unlockPersonalKey(crypto, 'coord-b', b.stored, PASS);
    const opened = await openGrant(crypto, 'coord-b', bKey, grant, { kid: project.unlocked.kid });
    expect(opened.kid).toBe(project.unlocked.kid);
    const aKey = await unlockPersonalKey(crypto, 'coord-a', a.stored, PASS);
    await expect(openGrant(crypto, 'coord-a', aKey, grant, { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'not_a_recipient' });
    // Moved to another project (the binding differs) or for another seal: refused.
    await expect(openGrant(crypto, 'coord-b', bKey, { ...grant, projectId: 'p2' }, { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'cannot_open' });
    await expect(openGrant(crypto, 'coord-b', bKey, grant, { kid: b.kid })).rejects.toMatchObject({ fault: 'cannot_open' });
    // A grant holding some other private key than the seal's is caught after it opens.
    const impostor = await createProjectKey(crypto);
    const wrongKey = await grantTo(crypto, 'p1', { kid: project.unlocked.kid, privateKey: impostor.unlocked.privateKey }, { userId: 'coord-b', kid: b.kid, publicKey: b.stored.publicKey });
    await expect(openGrant(crypto, 'coord-b', bKey, { ...grant, sealedKey: wrongKey }, { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'cannot_open' });
  });

  it('makes a recovery file that opens with its code, typed loosely, for its project only', async () => {
    const project = await createProjectKey(crypto);
    const { code, file } = await makeRecovery(crypto, { id: 'p1', name: 'Project' }, project.unlocked, project.publicKey);
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){5}[0-9A-HJKMNP-TV-Z]{4}$/);
    const text = JSON.stringify(file);
    expect(text).not.toContain(code);
    const typed = code.toLowerCase().replace(/-/g, ' ');
    expect((await openRecovery(crypto, text, typed, 'p1', { kid: project.unlocked.kid })).kid).toBe(project.unlocked.kid);
    await expect(openRecovery(crypto, text, newRecoveryCode(crypto), 'p1', { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'wrong_code' });
    await expect(openRecovery(crypto, text, code, 'p2', { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'other_project' });
    await expect(openRecovery(crypto, '{"kind":"something else"}', code, 'p1', { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'not_a_recovery_file' });
    await expect(openRecovery(crypto, 'not json', code, 'p1', { kid: project.unlocked.kid })).rejects.toMatchObject({ fault: 'not_a_recovery_file' });
  });

  it('reads O, I and L in a typed code as 0, 1 and 1', () => {
    expect(normaliseRecoveryCode('abcd efgh oil1')).toBe('ABCD-EFGH-0111');
  });

  it('asks more of the personal passphrase than of the phone lock: no PIN, at least 12 characters', () => {
    expect(checkPersonalPassphrase('123456789012345', '123456789012345')).toEqual({ ok: false, problem: 'only_digits' });
    expect(checkPersonalPassphrase('short words', 'short words')).toEqual({ ok: false, problem: 'too_short' });
    expect(checkPersonalPassphrase('twelve chars', 'twelve chars!')).toEqual({ ok: false, problem: 'mismatch' });
    expect(checkPersonalPassphrase('twelve chars', 'twelve chars')).toEqual({ ok: true });
  });
});
