import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../../src/app/db/cases.ts';
import { adoptDeviceId } from '../../../src/app/db/adopt-device-id.ts';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { deviceId, readNumber } from '../../../src/app/db/state.ts';
import { testDataKey } from '../../helpers/data-key.ts';

const PROJECT = '01900000-0000-7000-8000-000000000001';
const SERVER_ID = '01900000-0000-7000-8000-0000000000aa';

describe('taking on the device id given at enrolment', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`adopt-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('uses the server id from then on, on a fresh device', async () => {
    await adoptDeviceId(db, SERVER_ID);
    expect(await deviceId(db)).toBe(SERVER_ID);
    await createCase(db, { projectId: PROJECT, code: 'KG-1', court: '' });
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([1]);
  });

  it('renumbers changes still queued from 1, keeping their order and content, so the new id starts with no gap', async () => {
    const localId = await deviceId(db);
    for (const code of ['KG-1', 'KG-2', 'KG-3', 'KG-4']) await createCase(db, { projectId: PROJECT, code, court: '' });
    // The first two were sent under the old id already.
    await db.outbox.where('seq').belowOrEqual(2).delete();
    const waiting = await db.outbox.orderBy('seq').toArray();

    await adoptDeviceId(db, SERVER_ID);

    expect(await deviceId(db)).toBe(SERVER_ID);
    expect(SERVER_ID).not.toBe(localId);
    const renumbered = await db.outbox.orderBy('seq').toArray();
    expect(renumbered.map((r) => r.seq)).toEqual([1, 2]);
    expect(renumbered.map(({ seq: _seq, ...rest }) => rest)).toEqual(waiting.map(({ seq: _seq, ...rest }) => rest));
    expect(await readNumber(db, 'lastSeq')).toBe(2);
    await createCase(db, { projectId: PROJECT, code: 'KG-5', court: '' });
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.seq)).toEqual([1, 2, 3]);
  });
});
