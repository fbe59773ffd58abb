// Gives the unit suite an in-memory IndexedDB so the Dexie layer runs as it does in the browser.
import 'fake-indexeddb/auto';
