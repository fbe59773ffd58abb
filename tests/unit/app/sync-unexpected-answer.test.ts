import { testDataKey } from '../../helpers/data-key.ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiFailure, type Connection } from '../../../src/app/base/api/client.ts';
import { createCase } from '../../../src/app/db/cases.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { pendingCount } from '../../../src/app/db/outbox.ts';
import { readNumber } from '../../../src/app/db/state.ts';
import { syncOnce } from '../../../src/app/sync/sync-once.ts';

const PROJECT = '01900000-0000-7000-8000-000000000001';
const CAPTIVE_PORTAL = '<!doctype html><html><body><h1>Welcome to CityWiFi</h1><form>Accept the terms to continue</form></body></html>';

/** A network that answers push and pull as scripted, and counts what it was asked. */
function network(answers: { readonly push: () => Response; readonly pull: () => Response }): Connection & { readonly asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    token: undefined,
    fetch: (path) => {
      asked.push(path.split('?')[0] ?? path);
      return Promise.resolve(path.startsWith('/api/sync/push') ? answers.push() : answers.pull());
    },
  };
}
const html = (): Response => new Response(CAPTIVE_PORTAL, { status: 200, headers: { 'content-type': 'text/html' } });
const json = (body: unknown): Response => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });

/**
 * Issue 15: a captive portal's 200 HTML page used to become `undefined` in the sync and crash in
 * apply.ts. Now the round stops with the 'unexpected' failure and the device keeps everything: the
 * outbox is still to send, the case is still there, the pull cursor has not moved.
 */
describe('a sync round that gets something other than the API', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`unexpected-${name}`, await testDataKey());
    await db.open();
    await createCase(db, { projectId: PROJECT, code: 'KG-PORTAL', court: 'City court' });
  });
  afterEach(async () => {
    await db.delete();
  });

  it("stops at a captive portal's page instead of the push answer, and keeps the unsent change", async () => {
    const portal = network({ push: html, pull: html });
    const failure = await syncOnce(db, () => undefined, portal).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ kind: 'unexpected' });
    expect(portal.asked).toEqual(['/api/sync/push']);
    expect(await pendingCount(db)).toBe(1);
    expect((await db.cases.toArray()).map((c) => c.code)).toEqual(['KG-PORTAL']);
  });

  it('stops at a pull of the wrong shape, leaving the cursor and the data as they were', async () => {
    const settled = { lastSeq: 1, results: [{ seq: 1, status: 'applied', version: 1 }] };
    const wrong = network({ push: () => json(settled), pull: () => json({ cursor: 7, hasMore: false, changes: [{ position: 7, entity: 'case', data: { id: 5 } }] }) });
    const failure = await syncOnce(db, () => undefined, wrong).catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind: 'unexpected', code: 'unexpected_answer' });
    expect(await readNumber(db, 'cursor')).toBe(0);
    expect((await db.cases.toArray()).map((c) => c.code)).toEqual(['KG-PORTAL']);
  });
});
