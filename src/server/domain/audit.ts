import type { Kysely } from 'kysely';
import { audit, type AuditEntry } from '../audit/audit-log.ts';
import type { Database } from '../db/schema.ts';

/**
 * Who does an operation: a signed-in person through the API, or the administrator at the command line
 * (`userId` is then the account given with `--as`, or null). Every domain operation takes one and writes
 * its audit entry in its own transaction, so the two commit together or not at all.
 */
export interface Actor {
  readonly userId: string | null;
  readonly via: 'api' | 'cli';
}

/** A signed-in person: operations that record who decided (decided_by, updated_by) need one. */
export type PersonActor = Actor & { readonly userId: string };

export const apiActor = (userId: string): PersonActor => ({ userId, via: 'api' });
export const cliActor = (userId: string | null = null): Actor => ({ userId, via: 'cli' });

/** Appends the entry as `actor`; command-line entries say so in their detail (`via: 'cli'`). Pass the operation's transaction. */
export async function record(trx: Kysely<Database>, actor: Actor, entry: Omit<AuditEntry, 'actorId'>): Promise<void> {
  await audit(trx, { ...entry, actorId: actor.userId, ...(actor.via === 'cli' ? { detail: { via: 'cli', ...entry.detail } } : {}) });
}

export const AUDIT_PAGE_SIZE = 100;

export interface AuditListEntry {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly id: string; readonly username: string } | null;
  readonly action: string;
  readonly project: { readonly id: string; readonly name: string } | null;
  readonly target: string | null;
  readonly detail: Record<string, unknown>;
}

/**
 * GET /api/audit and `npm run admin -- audit`: the log, newest first, a page at a time.
 * Answer: { entries: AuditListEntry[], next: string | null } (`next`: pass it as `before` for the following page).
 * `projects` undefined: every entry (administrators), including those of no project.
 */
export async function listAudit(
  db: Kysely<Database>,
  query: { readonly projects: readonly string[] | undefined; readonly before?: string | undefined; readonly limit: number },
): Promise<{ entries: AuditListEntry[]; next: string | null }> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('projects', 'projects.id', 'audit_log.project_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.username', 'audit_log.action', 'audit_log.project_id', 'projects.name as project_name', 'audit_log.target', 'audit_log.detail'])
    .$if(query.projects !== undefined, (q) => q.where('audit_log.project_id', 'in', query.projects ?? []))
    .$if(query.before !== undefined, (q) => q.where('audit_log.id', '<', query.before ?? ''))
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_id === null ? null : { id: r.actor_id, username: r.username ?? '' },
      action: r.action,
      project: r.project_id === null ? null : { id: r.project_id, name: r.project_name ?? '' },
      target: r.target,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
    })),
    next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
