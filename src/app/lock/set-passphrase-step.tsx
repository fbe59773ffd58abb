import { forgetLegacyAccount, keepAccount, useAccountStore, type Account } from '../base/account.ts';
import { openDeviceDatabase } from '../db/database.ts';
import { openKeptAnswers } from '../storage/kept-answers.ts';
import { sealLegacyRecords } from '../db/seal-legacy.ts';
import type { Gate } from './gate.ts';
import { sealedAccountStore } from './sealed-account.ts';
import { SetPassphrase } from './set-passphrase.tsx';

/**
 * The passphrase step, then what it unlocks: the account is sealed, and records kept readable by an earlier
 * version of the app are encrypted before the signed-in app opens them.
 */
export default function SetPassphraseStep({ account, onReady }: { account: Account; onReady: (gate: Gate) => void }) {
  const ready = async (key: CryptoKey): Promise<void> => {
    useAccountStore(sealedAccountStore(key));
    await openKeptAnswers(key);
    await keepAccount(account);
    const db = openDeviceDatabase(account.user.id, key);
    try {
      await sealLegacyRecords(db);
    } finally {
      db.close();
    }
    await forgetLegacyAccount();
    onReady({ phase: 'open', key, account });
  };
  return <SetPassphrase onReady={ready} />;
}
