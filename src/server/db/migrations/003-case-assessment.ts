import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The coordinator's side of findings: a decision per finding (confirmed or dismissed, with a note) and an
 * assessment per right for a case. Findings themselves are never stored: they are computed from answers.
 * reports.concern_count and report_rights cache what the current version's findings are (computed by src/core
 * on receipt), for the "has concerns" filter and the project's thematic view.
 */
export const caseAssessment: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('finding_decisions')
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('path', 'text', (c) => c.notNull())
      .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('confirmed', 'dismissed')`))
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('finding_decisions_pk', ['report_id', 'path'])
      .execute();
    await db.schema
      .createTable('right_assessments')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('right_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('grade', 'text')
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('right_assessments_pk', ['case_id', 'right_id'])
      .execute();
    await db.schema.alterTable('reports').addColumn('concern_count', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .createTable('report_rights')
      .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
      .addColumn('right_id', 'text', (c) => c.notNull())
      .addColumn('findings', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('report_rights_pk', ['report_id', 'right_id'])
      .execute();
  },
};
