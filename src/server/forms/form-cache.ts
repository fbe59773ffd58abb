import type { Kysely, Transaction } from 'kysely';
import { loadForm } from '../../core/forms/load-form.ts';
import type { Form } from '../../core/forms/types.ts';
import type { Database } from '../db/schema.ts';

/**
 * Published forms by id@version, with the project each was published for (null: every project). They are
 * immutable, so a loaded form can be kept for the life of the process.
 */
export class FormCache {
  readonly #forms = new Map<string, { form: Form; projectId: string | null }>();

  /** The form, when it was published for every project or for `projectId`; undefined otherwise. */
  async get(db: Kysely<Database> | Transaction<Database>, id: string, version: number, projectId: string): Promise<Form | undefined> {
    const key = `${id}@${version}`;
    const entry = this.#forms.get(key) ?? (await this.#load(db, id, version));
    return entry !== undefined && (entry.projectId === null || entry.projectId === projectId) ? entry.form : undefined;
  }

  async #load(db: Kysely<Database> | Transaction<Database>, id: string, version: number): Promise<{ form: Form; projectId: string | null } | undefined> {
    const key = `${id}@${version}`;
    const row = await db.selectFrom('forms').select(['definition', 'project_id']).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (row === undefined) return undefined;
    const result = loadForm(JSON.parse(row.definition) as unknown);
    if (!result.ok) throw new Error(`stored form ${key} no longer loads: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    const entry = { form: result.form, projectId: row.project_id };
    this.#forms.set(key, entry);
    return entry;
  }
}
