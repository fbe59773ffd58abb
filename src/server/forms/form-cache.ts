import type { Kysely, Transaction } from 'kysely';
import { loadForm } from '../../core/forms/load-form.ts';
import type { Form } from '../../core/forms/types.ts';
import type { Database } from '../db/schema.ts';

/** Published forms by id@version. They are immutable, so a loaded form can be kept for the life of the process. */
export class FormCache {
  readonly #forms = new Map<string, Form>();

  async get(db: Kysely<Database> | Transaction<Database>, id: string, version: number): Promise<Form | undefined> {
    const key = `${id}@${version}`;
    const cached = this.#forms.get(key);
    if (cached !== undefined) return cached;
    const row = await db.selectFrom('forms').select('definition').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (row === undefined) return undefined;
    const result = loadForm(JSON.parse(row.definition) as unknown);
    if (!result.ok) throw new Error(`stored form ${key} no longer loads: ${result.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    this.#forms.set(key, result.form);
    return result.form;
  }
}
