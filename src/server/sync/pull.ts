import type { Kysely, Transaction } from 'kysely';
import * as v from 'valibot';
import { PublicJwk } from '../../core/seal/keys.ts';
import { PULL_PAGE_SIZE, type CaseMerged, type CaseRecord, type Change, type ProjectSeal, type PullResponse, type ReportRecord } from '../../core/sync/protocol.ts';
import { coordinatedProjects, type Access } from '../auth/access.ts';
import type { Database } from '../db/schema.ts';
import { loadThreads } from '../reviews/thread.ts';
import { loadProjectRecords } from '../attachments/project-records.ts';
import { publishedForms } from './published-forms.ts';
import { toCaseRecord, toReportRecord } from './records.ts';

/**
 * The changes after `cursor` that this user may see, with each entity's current state.
 * Runs in one repeatable-read transaction, so the page and the cursor it returns come from one snapshot
 * and no committed change can fall between them.
 */
export async function pullChanges(db: Kysely<Database>, access: Access, cursor: number, pageSize = PULL_PAGE_SIZE, scope: 'own' | 'all' = 'all'): Promise<PullResponse> {
  return db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      // scope own: a coordinator's or administrator's rights to read everything are not used (see PullQuery).
      const everything = scope === 'all' && access.isAdmin;
      const coordinated = scope === 'all' ? coordinatedProjects(access) : [];
      const memberOf = [...access.roles.keys()];
      const userId = access.user.id;
      const rows = await trx
        .selectFrom('changes')
        .select(['position', 'entity', 'entity_id'])
        .where('position', '>', cursor)
        .$if(!everything, (q) =>
          q.where((eb) =>
            eb.or([
              eb('project_id', 'is', null),
              ...(coordinated.length > 0 ? [eb('project_id', 'in', coordinated)] : []),
              // Project scoping: what follows is the user's own, and only inside projects the caller reaches
              // (a device token reaches its enrolling project alone), never their other projects' work.
              ...(memberOf.length > 0
                ? [
                    eb.and([
                      eb('project_id', 'in', memberOf),
                      eb.or([
                        eb('entity', 'in', ['project', 'form']),
                        // case_merge: one row per observer and author of the merged case (domain/case-merge.ts).
                        eb.and([eb('entity', 'in', ['report', 'review', 'case_merge']), eb('owner_id', '=', userId)]),
                        eb.and([eb('entity', '=', 'case'), eb('entity_id', 'in', eb.selectFrom('case_observers').select('case_id').where('user_id', '=', userId))]),
                      ]),
                    ]),
                  ]
                : []),
            ]),
          ),
        )
        .orderBy('position')
        .limit(pageSize + 1)
        .execute();

      const hasMore = rows.length > pageSize;
      const page = rows.slice(0, pageSize);
      // When the page is not full, the user has seen everything up to the newest change in this snapshot.
      const newest = hasMore
        ? (page.at(-1)?.position ?? cursor)
        : ((await trx.selectFrom('changes').select((eb) => eb.fn.max('position').as('max')).executeTakeFirst())?.max ?? cursor);

      // The same entity may change several times in one page: send its current state once, at its last position.
      const latest = new Map<string, (typeof page)[number]>();
      for (const row of page) latest.set(`${row.entity}:${row.entity_id}`, row);
      const ids = (entity: string): string[] => [...latest.values()].filter((r) => r.entity === entity).map((r) => r.entity_id);

      const caseIds = ids('case');
      const reportIds = ids('report');
      const formKeys = ids('form');
      const threads = await loadThreads(trx, ids('review'));
      const projects = await loadProjectRecords(trx, ids('project'));
      const cases = new Map<string, CaseRecord>();
      if (caseIds.length > 0) for (const row of await trx.selectFrom('cases').selectAll().where('id', 'in', caseIds).execute()) cases.set(row.id, toCaseRecord(row));
      const reports = new Map<string, ReportRecord>();
      if (reportIds.length > 0) {
        const rows = await trx
          .selectFrom('reports')
          .innerJoin('report_versions', (j) => j.onRef('report_versions.report_id', '=', 'reports.id').onRef('report_versions.version', '=', 'reports.version'))
          .selectAll('reports')
          .select(['report_versions.answers', 'report_versions.sealed as sealed_box'])
          .where('reports.id', 'in', reportIds)
          .execute();
        for (const row of rows) reports.set(row.id, toReportRecord(row));
      }
      const forms = await publishedForms(db, trx, formKeys);
      const mergedIds = ids('case_merge');
      const merges = new Map<string, CaseMerged>();
      if (mergedIds.length > 0) {
        for (const row of await trx.selectFrom('case_merges').selectAll().where('case_id', 'in', mergedIds).execute()) {
          merges.set(row.case_id, { id: row.case_id, into: row.into_id, projectId: row.project_id, mergedAt: row.merged_at });
        }
      }

      const changes: Change[] = [];
      for (const row of [...latest.values()].sort((a, b) => a.position - b.position)) {
        const position = row.position;
        if (row.entity === 'case') {
          const data = cases.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'case', data });
        } else if (row.entity === 'report') {
          const data = reports.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'report', data });
        } else if (row.entity === 'review') {
          const data = threads.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'review', data });
        } else if (row.entity === 'case_merge') {
          const data = merges.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'case_merge', data });
        } else if (row.entity === 'project') {
          const data = projects.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'project', data });
        } else {
          const data = forms.get(row.entity_id);
          if (data !== undefined) changes.push({ position, entity: 'form', data });
        }
      }
      const seals = await sealsOf(trx, access);
      return { cursor: Math.max(cursor, newest), hasMore, changes, ...(seals.length === 0 ? {} : { seals }) };
    });
}

/**
 * The public keys of the sealed projects the caller is a member of (any role): what a device seals its
 * report versions to. Only public halves; k11's key routes write project_seals.
 */
async function sealsOf(trx: Transaction<Database>, access: Access): Promise<ProjectSeal[]> {
  const projects = [...access.roles.keys()];
  if (projects.length === 0) return [];
  const rows = await trx.selectFrom('project_seals').select(['project_id', 'kid', 'public_key']).where('project_id', 'in', projects).orderBy('project_id').execute();
  return rows.flatMap((row) => {
    const key = v.safeParse(PublicJwk, JSON.parse(row.public_key));
    // A row whose key does not parse is k11's domain's bug; a device never receives a key it cannot use.
    return key.success ? [{ projectId: row.project_id, kid: row.kid, publicKey: key.output }] : [];
  });
}
