import { uuidv7 } from 'uuidv7';
import { codeProblem, nameProblem, type PersonRole, type RegisterProblem } from '../../core/export/redact-register.ts';
import type { DeviceDatabase } from './database.ts';

/**
 * The observer's own register of people for a case, kept on this device only (it is never sent): the
 * names behind the codes the observer uses (D1, W2), so that the report screen can warn quietly when a
 * registered name is typed into a free-text answer. The coordinator's register on the server is what
 * codes-only exports use; this one helps the observer write codes in the first place.
 */
export interface LocalRegisterEntry {
  readonly id: string;
  readonly caseId: string;
  readonly code: string;
  readonly role: PersonRole;
  readonly name: string;
  readonly createdAt: string;
}

/** Why an entry was refused: one of the register's rules, or a code already used in this case. */
export class RegisterInputError extends Error {
  constructor(readonly problem: RegisterProblem | { readonly kind: 'code_taken' }) {
    super(problem.kind);
  }
}

export function listRegister(db: DeviceDatabase, caseId: string): Promise<LocalRegisterEntry[]> {
  return db.register
    .where('caseId')
    .equals(caseId)
    .toArray()
    .then((rows) => rows.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })));
}

/** Adds an entry after checking it by the same rules as the server's register; a refused entry stores nothing. */
export async function addRegisterEntry(db: DeviceDatabase, caseId: string, input: { code: string; role: PersonRole; name: string }, now = new Date()): Promise<LocalRegisterEntry> {
  const code = input.code.trim().toUpperCase();
  const name = input.name.trim();
  const problem = codeProblem(code) ?? nameProblem(name);
  if (problem !== undefined) throw new RegisterInputError(problem);
  const entry: LocalRegisterEntry = { id: uuidv7(), caseId, code, role: input.role, name, createdAt: now.toISOString() };
  await db.transaction('rw', db.register, async () => {
    const taken = (await db.register.where('caseId').equals(caseId).toArray()).some((e) => e.code === code);
    if (taken) throw new RegisterInputError({ kind: 'code_taken' });
    await db.register.add(entry);
  });
  return entry;
}

export async function removeRegisterEntry(db: DeviceDatabase, id: string): Promise<void> {
  await db.register.delete(id);
}
