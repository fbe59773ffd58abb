import type { Kysely, Migration } from 'kysely';

/**
 * The case's register of people (issue 13, part 4): who each code stands for (D1 the defendant, W2 a
 * witness...), kept by the case's coordinators, so that codes-only exports replace the names typed into
 * free text. Kept apart from the cases row, which travels to observers' devices by sync: the register is
 * read only by the project's coordinators, as the reports are. A code names one person per case.
 */
export const casePeople: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('case_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull().references('users.id'))
      .addUniqueConstraint('case_people_case_code', ['case_id', 'code'])
      .execute();
  },
};
