import type Dexie from 'dexie';
import { whenAllSaved } from '../pwa/unsaved.ts';
import { createStore } from '../base/store.ts';

/** True once a newer version of the app (in another tab) needs this page to let go of the database. */
export const databaseOutdated = createStore<boolean>(false);

/**
 * Dexie's versionchange: another tab opens the database with a newer schema and waits for this one to
 * close. We first let the answers still on their way to disk land, then close, and ask the observer to
 * reload into the new version. Returning false replaces Dexie's default, which closes at once.
 */
export function onVersionChange(db: Dexie): false {
  databaseOutdated.set(true);
  void whenAllSaved().then(() => db.close());
  return false;
}
