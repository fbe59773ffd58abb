import type { Page } from 'playwright-core';

/**
 * Waits until the device database holds `expected` for the answer `itemId` of the report on screen.
 * Autosave writes on every change, but asynchronously: a test that reloads must first see it landed,
 * as an observer sees the "saved" state before closing the app.
 */
export async function waitForSavedAnswer(page: Page, reportId: string, itemId: string, expected: string): Promise<void> {
  await page.waitForFunction(
    async ({ reportId: id, itemId: item, expected: value }) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('trial-monitor-'));
      for (const name of names) {
        const found = await new Promise<unknown>((resolve) => {
          const open = indexedDB.open(name);
          open.onerror = () => resolve(undefined);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('reports')) return resolve(undefined);
            const get = db.transaction('reports').objectStore('reports').get(id);
            get.onsuccess = () => {
              db.close();
              resolve((get.result as { answers?: Record<string, unknown> } | undefined)?.answers?.[item]);
            };
            get.onerror = () => resolve(undefined);
          };
        });
        if (found === value) return true;
      }
      return false;
    },
    { reportId, itemId, expected },
    { polling: 100, timeout: 15_000 },
  );
}

/** The answers of a report as the device database holds them now (undefined when it holds no such report). */
export function savedAnswers(page: Page, reportId: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async (id) => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.startsWith('trial-monitor-'));
    for (const name of names) {
      const found = await new Promise<Record<string, unknown> | undefined>((resolve) => {
        const open = indexedDB.open(name);
        open.onerror = () => resolve(undefined);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('reports')) return resolve(undefined);
          const get = db.transaction('reports').objectStore('reports').get(id);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { answers?: Record<string, unknown> } | undefined)?.answers);
          };
          get.onerror = () => resolve(undefined);
        };
      });
      if (found !== undefined) return found;
    }
    return undefined;
  }, reportId);
}
