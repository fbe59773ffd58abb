import { loadForm } from '../../core/forms/load-form.ts';
import { formKey, type Form } from '../../core/forms/types.ts';
import type { DeviceDatabase } from './database.ts';

/** The newest version of each form on the device: what a new report starts on. */
export async function latestForms(db: DeviceDatabase): Promise<Form[]> {
  const all = await db.forms.toArray();
  const newest = new Map<string, (typeof all)[number]>();
  for (const row of all) if ((newest.get(row.id)?.version ?? 0) < row.version) newest.set(row.id, row);
  return [...newest.values()].map(toForm).filter((f): f is Form => f !== undefined);
}

/** A form at an exact version: a report stays on the version it started with. */
export async function getForm(db: DeviceDatabase, id: string, version: number): Promise<Form | undefined> {
  const row = await db.forms.get([id, version]);
  return row === undefined ? undefined : toForm(row);
}

// Loaded definitions by id@version. A published version never changes (forms/README.md), so a definition
// is parsed and validated once per page, not on every open of a report (about 7 ms each time, 27 ms at 4x CPU).
// It was accepted by the server's loader when published, so the device skips the schema's shape pass.
const loaded = new Map<string, Form | undefined>();

function toForm(row: { id: string; version: number; definition: unknown }): Form | undefined {
  const key = formKey(row);
  if (loaded.has(key)) return loaded.get(key);
  const result = loadForm(row.definition, { published: true });
  const form = result.ok ? result.form : undefined;
  loaded.set(key, form);
  return form;
}
