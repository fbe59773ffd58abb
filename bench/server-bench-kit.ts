// Shared by the server benchmarks: statistics, and a database seeded with observers who hold sessions.
import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import type { Kysely } from 'kysely';
import { createSession, SESSION_COOKIE } from '../src/server/auth/sessions.ts';
import { bootstrapEmptyDatabase, DEFAULT_PROJECT } from '../src/server/bootstrap.ts';
import type { Database } from '../src/server/db/schema.ts';
import { addMember, findProject } from '../src/server/users.ts';

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 50);
export const ms = (value: number): string => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

export interface SeededObserver {
  readonly id: string;
  readonly cookie: string;
}

/**
 * Creates the administrator and default project as a first start does, then `count` observers in it,
 * each with a session. Sessions are made directly: signing in 200 people would only measure scrypt
 * and the sign-in rate limit.
 */
export async function seedObservers(db: Kysely<Database>, count: number): Promise<{ projectId: string; adminPassword: string; observers: SeededObserver[] }> {
  const admin = await bootstrapEmptyDatabase(db);
  if (admin === undefined) throw new Error('the benchmark needs an empty database');
  const { id: projectId } = await findProject(db, DEFAULT_PROJECT);
  const observers: SeededObserver[] = [];
  for (let n = 0; n < count; n += 1) {
    const id = uuidv7();
    // Nobody signs in with a password here; the hash is a placeholder that matches no password.
    await db.insertInto('users').values({ id, username: `bench-observer-${n}`, display_name: `Bench observer ${n}`, password_hash: 'none', is_admin: 0, created_at: new Date().toISOString(), disabled_at: null }).execute();
    await addMember(db, projectId, id, 'observer');
    observers.push({ id, cookie: `${SESSION_COOKIE}=${await createSession(db, id)}` });
  }
  return { projectId, adminPassword: admin.password, observers };
}

/**
 * Node flags for the server process under test: with SERVER_CPU_PROF=<folder>, each server process
 * writes a V8 CPU profile there when it exits (`tsx bench/cpu-profile-summary.ts <file>` sums it).
 */
export function serverNodeArgs(): { nodeArgs: string[] } {
  const folder = process.env['SERVER_CPU_PROF'];
  return { nodeArgs: folder === undefined || folder === '' ? [] : ['--cpu-prof', '--cpu-prof-dir', folder] };
}

/**
 * CPU seconds (user + system) a running process has used, from /proc (Linux). On a shared machine the
 * wall-clock rate moves with the neighbours' load; the server's CPU time per request moves much less.
 */
export function cpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / CLOCK_TICKS_PER_SECOND;
}

/** USER_HZ: 100 on every Linux build this runs on (sysconf(_SC_CLK_TCK), which Node does not expose). */
const CLOCK_TICKS_PER_SECOND = 100;
