import { readFileSync } from 'node:fs';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { writeCaseExport } from '../../src/core/export/write-case-export.ts';
import { readStandards } from '../../src/core/forms/standards.ts';
import type { Database } from '../../src/server/db/schema.ts';
import { loadCaseBundle } from '../../src/server/domain/case-bundle.ts';
import { importCases } from '../../src/server/domain/import.ts';
import { apiActor, cliActor } from '../../src/server/domain/audit.ts';
import { mergeCases } from '../../src/server/domain/case-merge.ts';
import { openCase } from '../../src/server/domain/case-open.ts';
import { decideFinding, exportCase, saveAssessment, saveRecommendations } from '../../src/server/domain/cases.ts';
import { issueDeviceCode } from '../../src/server/domain/devices-enrolment.ts';
import { invitePerson } from '../../src/server/domain/invitations.ts';
import { addPerson, addProject, assignObserver, grantRole, revokeSessions, setUserDisabled } from '../../src/server/domain/people.ts';
import { addComment, reviewReport } from '../../src/server/domain/reports-reviews.ts';
import { loadAccess } from '../../src/server/auth/access.ts';
import { testEngines } from '../helpers/databases.ts';
import { AUDIT_FAILURE, withFailingAudit } from '../helpers/failing-audit.ts';
import { snapshotTables } from '../helpers/table-snapshot.ts';
import { caseMutation, reportMutation, startTestServer, type TestServer } from '../helpers/test-server.ts';

/**
 * Each domain operation is one transaction with its audit entry (src/server/domain): when the audit
 * insert fails, nothing of the operation is stored. Tested once, below the routes and the CLI that call them.
 */
describe.each(testEngines())('domain operations and their audit entries on %s', (engine) => {
  let server: TestServer;
  let failing: Kysely<Database>;
  const caseId = uuidv7();
  const reportId = uuidv7();
  // A second case of the same code, with a report, for the merge.
  const twinId = uuidv7();
  beforeAll(async () => {
    server = await startTestServer(engine);
    failing = withFailingAudit(server.database.db);
    const pushed = await server.request(server.people.coord, 'POST', '/api/sync/push', {
      protocol: 1,
      deviceId: uuidv7(),
      mutations: [caseMutation(1, server.projectA, caseId, 'KG-ATOMIC'), reportMutation(2, server.projectA, caseId, reportId)],
    });
    expect(pushed.json()).toMatchObject({ lastSeq: 2, results: [{ status: 'applied' }, { status: 'applied' }] });
    const twin = await server.request(server.people.obs1, 'POST', '/api/sync/push', { protocol: 1, deviceId: uuidv7(), mutations: [caseMutation(1, server.projectA, twinId, 'KG-ATOMIC'), reportMutation(2, server.projectA, twinId)] });
    expect(twin.json()).toMatchObject({ results: [{ status: 'applied' }, { status: 'applied' }] });
  });
  afterAll(async () => {
    await server.close();
  });

  const kase = () => ({ id: caseId, project_id: server.projectA });
  const coord = () => apiActor(server.people.coord.id);

  it('an assessment whose audit insert fails stores nothing', async () => {
    const before = await snapshotTables(server.database);
    await expect(saveAssessment(failing, coord(), kase(), { rightId: 'fair-hearing', text: 'Closed to monitors.', grade: null })).rejects.toThrow(AUDIT_FAILURE);
    expect(await snapshotTables(server.database)).toEqual(before);
    // The same call on the healthy database stores the assessment and its entry together.
    await saveAssessment(server.database.db, coord(), kase(), { rightId: 'fair-hearing', text: 'Closed to monitors.', grade: null });
    expect(await server.database.db.selectFrom('right_assessments').select('text').where('case_id', '=', caseId).execute()).toEqual([{ text: 'Closed to monitors.' }]);
    expect(await server.database.db.selectFrom('audit_log').select('action').where('action', '=', 'case.assessment').execute()).toHaveLength(1);
  });

  it('no other operation stores anything when its audit insert fails', async () => {
    const access = await loadAccess(server.database.db, await server.database.db.selectFrom('users').selectAll().where('id', '=', server.people.coord.id).executeTakeFirstOrThrow());
    const operations: Record<string, () => Promise<unknown>> = {
      recommendations: () => saveRecommendations(failing, coord(), kase(), 'Admit monitors.'),
      decision: () => decideFinding(failing, coord(), kase(), { reportId, path: 'monitors_admitted', decision: 'dismissed', note: '' }),
      review: () => reviewReport(failing, access, coord(), reportId, { status: 'needs_clarification', comment: 'Which courtroom?', commentId: uuidv7(), pin: null }),
      comment: () => addComment(failing, access, coord(), reportId, { id: uuidv7(), body: 'Thank you.', pin: null }),
      'add project': () => addProject(failing, cliActor(), 'Project Atomic'),
      'add person': () => addPerson(failing, cliActor(), { projectId: server.projectA, username: 'atomic', role: 'observer' }),
      grant: () => grantRole(failing, cliActor(), { projectId: server.projectB, userId: server.people.obs1.id, role: 'observer' }),
      assign: () => assignObserver(failing, coord(), { kase: kase(), userId: server.people.obs2.id, assigned: true }),
      disable: () => setUserDisabled(failing, cliActor(), server.people.obs2.id, true),
      'revoke sessions': () => revokeSessions(failing, cliActor(), server.people.obs2.id),
      invite: () => invitePerson(failing, coord(), { projectId: server.projectA, username: 'invited', role: 'observer' }),
      'enrolment code': () => issueDeviceCode(failing, coord(), { projectId: server.projectA, userId: server.people.obs1.id }),
      // Reading a case is its export: no bundle leaves unaudited.
      export: () => exportCase(failing, coord(), kase()),
      'open case': () => openCase(failing, access, coord(), server.projectA, { code: 'KG-OPENED', court: 'City court' }),
      merge: () => mergeCases(failing, access, coord(), { id: twinId, project_id: server.projectA }, caseId),
    };
    for (const [name, run] of Object.entries(operations)) {
      const before = await snapshotTables(server.database);
      await expect(run(), name).rejects.toThrow(AUDIT_FAILURE);
      expect(await snapshotTables(server.database), name).toEqual(before);
    }
  });

  it('an import is all or nothing with its audit entry (import.cli, with its counts)', async () => {
    const { rights } = readStandards(JSON.parse(readFileSync('forms/standards.json', 'utf8')) as unknown);
    const archive = await writeCaseExport(await loadCaseBundle(server.database.db, caseId), 'json', { language: 'en', codesOnly: false, includeInterviews: false }, rights, new Date('2026-12-01T00:00:00Z'));
    // Into a fresh server, where the case is new.
    const target = await startTestServer(engine);
    try {
      const before = await snapshotTables(target.database);
      await expect(importCases(withFailingAudit(target.database.db), cliActor(), archive, target.projectB)).rejects.toThrow(AUDIT_FAILURE);
      expect(await snapshotTables(target.database)).toEqual(before);
      expect(await importCases(target.database.db, cliActor(), archive, target.projectB)).toMatchObject({ cases: 1, reports: 1 });
      const entries = await target.database.db.selectFrom('audit_log').select(['action', 'project_id', 'detail']).where('action', '=', 'import.cli').execute();
      expect(entries).toHaveLength(1);
      expect(entries[0]?.project_id).toBe(target.projectB);
      expect(JSON.parse(entries[0]?.detail ?? '{}')).toMatchObject({ via: 'cli', cases: 1, reports: 1, skipped: 0 });
    } finally {
      await target.close();
    }
  });
});
