import type { ProjectRecord } from '../../core/sync/attachments.ts';
import type { DeviceDatabase } from '../db/database.ts';

/**
 * Stores a project's pulled settings (inside the pull's transaction). Files the server refused under
 * the old settings get another try: the coordinators may just have allowed their kind or size.
 */
export async function applyProjectSettings(db: DeviceDatabase, project: ProjectRecord): Promise<void> {
  await db.projects.put(project);
  const refused = await db.attachments.where('state').equals('refused').filter((file) => file.projectId === project.id).toArray();
  await db.attachments.bulkPut(refused.map(({ note: _note, refusal: _refusal, ...file }) => ({ ...file, state: 'pending' as const })));
}
