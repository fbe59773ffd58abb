import { DEFAULT_ATTACHMENT_SETTINGS, type AttachmentSettings } from '../../core/sync/attachments.ts';
import type { DeviceDatabase } from '../db/database.ts';

/** What the project allows, as last pulled; the server's defaults until its coordinators change them. */
export async function projectAttachmentSettings(db: DeviceDatabase, projectId: string): Promise<AttachmentSettings> {
  return (await db.projects.get(projectId))?.attachments ?? DEFAULT_ATTACHMENT_SETTINGS;
}
