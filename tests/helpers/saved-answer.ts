import type { Page } from 'playwright-core';
import { E2E_PASSPHRASE } from './auto-unlock.ts';

/**
 * The answers of a report as the device database holds them now (undefined when it holds no such report).
 * The database is encrypted (src/app/db/encryption.ts), so this reads it as someone who knows the passphrase
 * would: the wrapped key from idb-keyval, PBKDF2 to unwrap it, then the report's sealed record, decrypted
 * with its table and id as associated data. It shares no code with the app, so it also checks the format.
 */
export function savedAnswers(page: Page, reportId: string, passphrase = E2E_PASSPHRASE): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    async ({ id, secret }) => {
      const request = <T,>(r: IDBRequest<T>): Promise<T> =>
        new Promise((resolve, reject) => {
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error ?? new Error('request failed'));
        });
      const openDb = (name: string): Promise<IDBDatabase> => request(indexedDB.open(name));
      const keyval = await openDb('keyval-store');
      const wrapped = keyval.objectStoreNames.contains('keyval')
        ? ((await request(keyval.transaction('keyval').objectStore('keyval').get('lock-key'))) as { salt: Uint8Array<ArrayBuffer>; iterations: number; iv: Uint8Array<ArrayBuffer>; wrapped: Uint8Array<ArrayBuffer> } | undefined)
        : undefined;
      keyval.close();
      if (wrapped === undefined) return undefined;
      const aes = { name: 'AES-GCM', length: 256 };
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'PBKDF2', false, ['deriveKey']);
      const kek = await crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: wrapped.salt, iterations: wrapped.iterations }, material, aes, false, ['unwrapKey']);
      const key = await crypto.subtle.unwrapKey('raw', wrapped.wrapped, kek, { name: 'AES-GCM', iv: wrapped.iv }, aes, false, ['decrypt']);
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('trial-monitor-'));
      for (const name of names) {
        const db = await openDb(name);
        const stored = db.objectStoreNames.contains('reports') ? ((await request(db.transaction('reports').objectStore('reports').get(id))) as { sealed?: Uint8Array<ArrayBuffer> } | undefined) : undefined;
        db.close();
        if (stored?.sealed === undefined) continue;
        const plain = new Uint8Array(
          await crypto.subtle.decrypt({ name: 'AES-GCM', iv: stored.sealed.slice(0, 12), additionalData: new TextEncoder().encode(`reports\u0000${JSON.stringify(id)}`) }, key, stored.sealed.slice(12)),
        );
        const length = new DataView(plain.buffer).getUint32(0, true);
        return (JSON.parse(new TextDecoder().decode(plain.subarray(4, 4 + length))) as { answers?: Record<string, unknown> }).answers;
      }
      return undefined;
    },
    { id: reportId, secret: passphrase },
  );
}

/**
 * Waits until the device database holds `expected` for the answer `itemId` of the report on screen.
 * Autosave writes on every change, but asynchronously: a test that reloads must first see it landed,
 * as an observer sees the "saved" state before closing the app.
 */
export async function waitForSavedAnswer(page: Page, reportId: string, itemId: string, expected: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if ((await savedAnswers(page, reportId))?.[itemId] === expected) return;
    if (Date.now() > deadline) throw new Error(`the answer ${itemId} of report ${reportId} was not saved as expected`);
    await page.waitForTimeout(100);
  }
}
