import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connect.ts';
import { initial } from './migrations/001-initial.ts';
import { caseAssessment } from './migrations/003-case-assessment.ts';
import { reviews } from './migrations/004-reviews.ts';
import { peopleDevices } from './migrations/005-people-devices.ts';
import { attachments } from './migrations/006-attachments.ts';
import { projectIsolation } from './migrations/007-project-isolation.ts';
import { rateLimits } from './migrations/008-rate-limits.ts';
import { pushResults } from './migrations/009-push-results.ts';
import { caseRecommendations } from './migrations/010-case-recommendations.ts';
import { invitationCancelling } from './migrations/011-invitation-cancelling.ts';
import { casePeople } from './migrations/012-case-people.ts';
import { sealingKeys } from './migrations/013-sealing-keys.ts';
import { sealedVersions } from './migrations/014-sealed-versions.ts';
import { sentRetention } from './migrations/015-sent-retention.ts';
import { projectRegions } from './migrations/016-project-regions.ts';
import { deviceVersions } from './migrations/018-device-versions.ts';

/** Every migration, in order. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-initial': initial,
  '003-case-assessment': caseAssessment,
  '004-reviews': reviews,
  '005-people-devices': peopleDevices,
  '006-attachments': attachments,
  '007-project-isolation': projectIsolation,
  '008-rate-limits': rateLimits,
  '009-push-results': pushResults,
  '010-case-recommendations': caseRecommendations,
  '011-invitation-cancelling': invitationCancelling,
  '012-case-people': casePeople,
  '013-sealing-keys': sealingKeys,
  '014-sealed-versions': sealedVersions,
  '015-sent-retention': sentRetention,
  '016-project-regions': projectRegions,
  '018-device-versions': deviceVersions,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(MIGRATIONS) };

/** Brings the database up to date; run on every start. Fails loudly, leaving the database as it was. */
export async function migrateToLatest({ db, schema }: Db): Promise<void> {
  // Kysely looks for its bookkeeping tables by name; in a non-default schema it must be told where.
  const migrator = new Migrator({ db, provider, ...(schema === undefined ? {} : { migrationTableSchema: schema }) });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error !== undefined) {
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${cause}`);
  }
}
