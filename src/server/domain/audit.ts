import type { Kysely } from 'kysely';
import { AUDIT_KINDS, AUDIT_KIND_NAMES, subjectKind, type AuditKind } from '../../core/api/audit.ts';
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
  readonly actor: { readonly id: string; readonly username: string; readonly name: string } | null;
  readonly action: string;
  readonly project: { readonly id: string; readonly name: string } | null;
  readonly target: string | null;
  readonly detail: Record<string, unknown>;
  readonly subject: Subject | null;
}

export interface Subject {
  readonly kind: 'case' | 'report' | 'user' | 'device' | 'project';
  readonly id: string;
  readonly label: string;
}

/** The actions a query shows: those of `kind`, or without it every kind but the reads of case pages and exports. */
function shownActions(kind: AuditKind | undefined): string[] {
  if (kind !== undefined) return [...AUDIT_KINDS[kind]];
  return AUDIT_KIND_NAMES.filter((k) => k !== 'reads').flatMap((k) => [...AUDIT_KINDS[k]]);
}

/**
 * GET /api/audit and `npm run admin -- audit`: the log, newest first, a page at a time.
 * Answer: { entries: AuditListEntry[], next: string | null } (`next`: pass it as `before` for the following page).
 * `projects` undefined: every entry (administrators), including those of no project.
 */
export async function listAudit(
  db: Kysely<Database>,
  query: { readonly projects: readonly string[] | undefined; readonly before?: string | undefined; readonly limit: number; readonly kind?: AuditKind | undefined; readonly everyKind?: boolean },
): Promise<{ entries: AuditListEntry[]; next: string | null }> {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .leftJoin('projects', 'projects.id', 'audit_log.project_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.actor_id', 'users.username', 'users.display_name', 'audit_log.action', 'audit_log.project_id', 'projects.name as project_name', 'audit_log.target', 'audit_log.detail'])
    .$if(query.projects !== undefined, (q) => q.where('audit_log.project_id', 'in', query.projects ?? []))
    .$if(query.before !== undefined, (q) => q.where('audit_log.id', '<', query.before ?? ''))
    .$if(query.everyKind !== true, (q) => q.where('audit_log.action', 'in', shownActions(query.kind)))
    .orderBy('audit_log.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const page = rows.slice(0, query.limit);
  const subjects = await subjectsOf(db, page);
  return {
    entries: page.map((r) => ({
      id: r.id,
      at: r.at,
      actor: r.actor_id === null ? null : { id: r.actor_id, username: r.username ?? '', name: r.display_name ?? '' },
      action: r.action,
      project: r.project_id === null ? null : { id: r.project_id, name: r.project_name ?? '' },
      target: r.target,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      subject: r.target === null ? null : (subjects.get(r.target) ?? null),
    })),
    next: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * The names behind a page's targets, looked up once per kind: a case by its code, a report by its case
 * code and hearing date, a person by their display name, a device by its owner's, a project by its name.
 * A target that no longer exists (a merged case) has none, and the screen shows what the entry's detail says.
 */
async function subjectsOf(db: Kysely<Database>, rows: readonly { readonly action: string; readonly target: string | null }[]): Promise<Map<string, Subject>> {
  const wanted = new Map<Subject['kind'], Set<string>>();
  for (const r of rows) {
    const kind = subjectKind(r.action);
    if (kind === undefined || r.target === null) continue;
    wanted.set(kind, (wanted.get(kind) ?? new Set()).add(r.target));
  }
  const ids = (kind: Subject['kind']): string[] => [...(wanted.get(kind) ?? [])];
  const found = new Map<string, Subject>();
  const add = (kind: Subject['kind'], id: string, label: string): void => void found.set(id, { kind, id, label });
  if (ids('case').length > 0) for (const c of await db.selectFrom('cases').select(['id', 'code']).where('id', 'in', ids('case')).execute()) add('case', c.id, c.code);
  if (ids('report').length > 0) {
    const reports = await db.selectFrom('reports').innerJoin('cases', 'cases.id', 'reports.case_id').select(['reports.id', 'cases.code', 'reports.hearing_date']).where('reports.id', 'in', ids('report')).execute();
    for (const r of reports) add('report', r.id, `${r.code}, ${r.hearing_date}`);
  }
  if (ids('user').length > 0) for (const u of await db.selectFrom('users').select(['id', 'display_name']).where('id', 'in', ids('user')).execute()) add('user', u.id, u.display_name);
  if (ids('device').length > 0) {
    const devices = await db.selectFrom('devices').innerJoin('users', 'users.id', 'devices.user_id').select(['devices.id', 'users.display_name']).where('devices.id', 'in', ids('device')).execute();
    for (const d of devices) add('device', d.id, d.display_name);
  }
  if (ids('project').length > 0) for (const p of await db.selectFrom('projects').select(['id', 'name']).where('id', 'in', ids('project')).execute()) add('project', p.id, p.name);
  return found;
}
