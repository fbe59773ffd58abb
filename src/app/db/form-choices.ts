import { hearingDateItemOfDefinition } from '../../core/forms/hearing-date.ts';
import type { LocalizedText } from '../../core/forms/types.ts';
import type { DeviceDatabase } from './database.ts';

/** What the case page's form picker needs of a form: which one, its title, and its hearing-date item. */
export interface FormChoice {
  readonly id: string;
  readonly version: number;
  readonly title: LocalizedText;
  readonly hearingDateItem?: string;
}

/**
 * The newest version of each form on the device, as choices for a new report. Only the title is read:
 * loading a definition (parsing and validating all of it, the form engine and its schemas) is the report
 * screen's work, kept out of the first screen's download. The server validated every definition before
 * publishing it; one that still fails to load says so on the report screen.
 */
export async function formChoices(db: DeviceDatabase): Promise<FormChoice[]> {
  const newest = new Map<string, FormChoice>();
  for (const row of await db.forms.toArray()) {
    if ((newest.get(row.id)?.version ?? 0) >= row.version) continue;
    const hearingDateItem = hearingDateItemOfDefinition(row.definition, `${row.id}@${row.version}`);
    newest.set(row.id, { id: row.id, version: row.version, title: titleOf(row.definition) ?? { en: row.id }, ...(hearingDateItem === undefined ? {} : { hearingDateItem }) });
  }
  return [...newest.values()];
}

function titleOf(definition: unknown): LocalizedText | undefined {
  if (typeof definition !== 'object' || definition === null || !('title' in definition)) return undefined;
  const { title } = definition;
  if (typeof title !== 'object' || title === null) return undefined;
  const texts = Object.entries(title).filter((e): e is [string, string] => typeof e[1] === 'string');
  return texts.length === 0 ? undefined : Object.fromEntries(texts);
}
