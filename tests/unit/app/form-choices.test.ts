import { testDataKey } from '../../helpers/data-key.ts';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceDatabase } from '../../../src/app/db/database.ts';
import { formChoices } from '../../../src/app/db/form-choices.ts';
import { getForm, latestForms } from '../../../src/app/db/forms.ts';

const definition = (file: string): Record<string, unknown> => JSON.parse(readFileSync(`forms/${file}`, 'utf8')) as Record<string, unknown>;

describe('forms on the device: choices for a new report, and loaded definitions', () => {
  let db: DeviceDatabase;
  let name = 0;
  beforeEach(async () => {
    name += 1;
    db = new DeviceDatabase(`form-choices-${name}`, await testDataKey());
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('offers the newest version of each form with its title, the same forms the loader would give', async () => {
    await db.forms.bulkPut([
      { id: 'hearing', version: 1, definition: definition('hearing@1.json') },
      { id: 'hearing', version: 2, definition: definition('hearing@2.json') },
      { id: 'hearing', version: 3, definition: definition('hearing@3.json') },
      { id: 'hearing', version: 4, definition: definition('hearing.json') },
      { id: 'incident', version: 2, definition: definition('incident.json') },
    ]);
    const choices = await formChoices(db);
    expect(choices.map((c) => `${c.id}@${c.version}`).sort()).toEqual(['hearing@4', 'incident@2']);
    expect(choices.find((c) => c.id === 'incident')?.title).toEqual({ en: 'Incident', ru: 'Инцидент' });
    const loaded = await latestForms(db);
    // The hearing-date item too, read from the raw definition: a report started from the picker is filed
    // under the day its form declares (the role), or the local day it was started.
    expect(choices.find((c) => c.id === 'hearing')?.hearingDateItem).toBe('hearing_date');
    expect(choices.map((c) => ({ id: c.id, version: c.version, title: c.title, hearingDateItem: c.hearingDateItem })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      loaded.map((f) => ({ id: f.id, version: f.version, title: f.title, hearingDateItem: f.hearingDateItem })).sort((a, b) => a.id.localeCompare(b.id)),
    );
  });

  it('names a form whose definition has no usable title by its id', async () => {
    await db.forms.put({ id: 'odd', version: 1, definition: { title: { en: 3 } } });
    expect(await formChoices(db)).toEqual([{ id: 'odd', version: 1, title: { en: 'odd' } }]);
  });

  it('loads a definition once per id@version: opening the report again reuses it', async () => {
    await db.forms.put({ id: 'incident', version: 2, definition: definition('incident.json') });
    const first = await getForm(db, 'incident', 2);
    expect(first?.id).toBe('incident');
    expect(await getForm(db, 'incident', 2)).toBe(first);
    expect(await getForm(db, 'incident', 3)).toBeUndefined();
  });
});
