import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

// better-sqlite3 is a native module built at install time (npm allowScripts); this proves it loads on this Node.
describe('better-sqlite3', () => {
  it('loads its native binding and runs SQL', () => {
    const db = new Database(':memory:');
    const row = db.prepare('select sqlite_version() as version, 6 * 7 as answer').get() as { version: string; answer: number };
    expect(row.answer).toBe(42);
    expect(row.version).toMatch(/^3\.\d+\.\d+$/);
    db.close();
  });
});
