import type { Kysely } from 'kysely';
import { canonicalJson } from '../../core/canonical-json.ts';
import type { Database } from '../db/schema.ts';
import { appendChanges } from '../sync/change-log.ts';
import { loadFormsFolder } from './forms-folder.ts';

export interface PublishOutcome {
  readonly published: readonly string[];
  /** id@version already published with other content: the stored one is kept, because versions are immutable. */
  readonly differing: readonly string[];
}

/**
 * Publishes the built-in forms: each id@version not yet in the database is stored and announced in the
 * change log so devices receive it on their next pull. A published version is never replaced.
 */
export async function publishBuiltInForms(db: Kysely<Database>, formsDir: URL): Promise<PublishOutcome> {
  const { folder, lines, faults } = await loadFormsFolder(formsDir);
  if (faults > 0) throw new Error(`the forms in ${formsDir.pathname} have faults:\n${lines.filter((l) => !l.endsWith(' ok')).join('\n')}`);
  const published: string[] = [];
  const differing: string[] = [];
  await db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    for (const { form, definition } of folder.forms) {
      const key = `${form.id}@${form.version}`;
      const text = canonicalJson(definition);
      const stored = await trx.selectFrom('forms').select('definition').where('id', '=', form.id).where('version', '=', form.version).executeTakeFirst();
      if (stored !== undefined) {
        if (canonicalJson(JSON.parse(stored.definition)) !== text) differing.push(key);
        continue;
      }
      await trx.insertInto('forms').values({ id: form.id, version: form.version, definition: text, published_at: now }).execute();
      published.push(key);
    }
    await appendChanges(
      trx,
      published.map((key) => ({ project_id: null, entity: 'form' as const, entity_id: key, owner_id: null })),
      now,
    );
  });
  return { published, differing };
}
