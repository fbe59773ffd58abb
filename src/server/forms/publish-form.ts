import type { Kysely } from 'kysely';
import { canonicalJson } from '../../core/canonical-json.ts';
import { BUILTIN_RIGHTS } from '../../core/forms/builtin-standards.ts';
import { loadForm } from '../../core/forms/load-form.ts';
import type { Database } from '../db/schema.ts';
import { apiError } from '../errors.ts';
import { appendChanges } from '../sync/change-log.ts';
import { inTransaction } from '../domain/transaction.ts';

export type PublishResult = { readonly status: 'published' | 'unchanged'; readonly id: string; readonly version: number };

const KNOWN_RIGHTS = new Set(BUILTIN_RIGHTS.map((r) => r.id));

/**
 * Publishes one uploaded form version: checked like forms:check (every fault with its path), stored, and
 * announced in the change log so devices receive it on their next pull. id@version is immutable: the same
 * content again changes nothing, other content under a published id@version is refused.
 * `projectId` scopes it: only that project's members receive and may use it; null is every project (an
 * administrator's, like the built-in forms). An id@version is one form server-wide, so one published for
 * another scope is refused even with the same content: "unchanged" would leave this scope without it.
 */
export async function publishForm(db: Kysely<Database>, definition: unknown, projectId: string | null): Promise<PublishResult> {
  const loaded = loadForm(definition, { knownRights: KNOWN_RIGHTS });
  if (!loaded.ok) {
    const first = loaded.errors[0];
    // Each fault by its kind and parameters (src/core/forms/load-faults.ts), the first one's beside `issue` too.
    const params = { ...first?.params, faults: loaded.errors.length, path: first?.path ?? '/', issue: first?.code ?? 'form_not_object' };
    throw apiError('invalid_form', params, loaded.errors.map((e) => ({ path: e.path, code: e.code, params: e.params, message: e.message })));
  }
  const { id, version } = loaded.form;
  const text = canonicalJson(definition);
  return inTransaction(db, async (trx) => {
    const stored = await trx.selectFrom('forms').select(['definition', 'project_id']).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    if (stored !== undefined) {
      if (stored.project_id === projectId && canonicalJson(JSON.parse(stored.definition)) === text) return { status: 'unchanged', id, version };
      throw apiError('version_published', { form: `${id}@${version}`, next: version + 1 });
    }
    const now = new Date().toISOString();
    await trx.insertInto('forms').values({ id, version, definition: text, published_at: now, project_id: projectId }).execute();
    await appendChanges(trx, [{ project_id: projectId, entity: 'form', entity_id: `${id}@${version}`, owner_id: null }], now);
    return { status: 'published', id, version };
  });
}
