import { uuidv7 } from 'uuidv7';
import { CaseInputError } from '../base/device-errors.ts';
import type { DeviceDatabase } from './database.ts';
import { enqueue } from './outbox.ts';
import type { LocalCase } from './records.ts';

export interface NewCase {
  readonly projectId: string;
  readonly code: string;
  readonly court: string;
}

export { CaseInputError };

/** Opens a case on the device (works offline) and queues it for the server in the same transaction. */
export async function createCase(db: DeviceDatabase, input: NewCase, now = new Date()): Promise<LocalCase> {
  const code = input.code.trim();
  const court = input.court.trim();
  if (code === '') throw new CaseInputError('code_required');
  if (code.length > 64) throw new CaseInputError('code_too_long');
  const at = now.toISOString();
  const kase: LocalCase = { id: uuidv7(), projectId: input.projectId, code, court, version: 0, createdAt: at, updatedAt: at };
  await db.transaction('rw', db.cases, db.outbox, db.state, async () => {
    await db.cases.add(kase);
    await enqueue(db, { entity: 'case', id: kase.id, baseVersion: 0, payload: { projectId: kase.projectId, code, court } }, at);
  });
  return kase;
}

export function listCases(db: DeviceDatabase): Promise<LocalCase[]> {
  return db.cases.orderBy('updatedAt').reverse().toArray();
}

export function getCase(db: DeviceDatabase, id: string): Promise<LocalCase | undefined> {
  return db.cases.get(id);
}
