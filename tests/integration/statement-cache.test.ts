import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../../src/server/db/statement-cache.ts';

describe('the SQLite statement cache', () => {
  let dir: string;
  let sqlite: SqliteDatabase.Database;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tm-statements-'));
    sqlite = new SqliteDatabase(join(dir, 'cache.sqlite'));
    sqlite.exec('create table t (id integer primary key, name text not null)');
  });
  afterEach(() => {
    sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prepares each SQL text once and runs the kept statement with new parameters', () => {
    const cached = withStatementCache(sqlite);
    const insert = cached.prepare('insert into t (name) values (?)');
    expect(cached.prepare('insert into t (name) values (?)')).toBe(insert);
    insert.run(['first']);
    cached.prepare('insert into t (name) values (?)').run(['second']);
    expect(cached.prepare('select name from t where id = ?').all([2])).toEqual([{ name: 'second' }]);
    expect(cached.prepare('select name from t where id = ?').all([1])).toEqual([{ name: 'first' }]);
  });

  it('keeps at most its capacity, dropping the statement used longest ago', () => {
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('select 1 as a');
    const b = cached.prepare('select 2 as b');
    expect(cached.prepare('select 1 as a')).toBe(a); // a is now the newest
    cached.prepare('select 3 as c'); // evicts b
    expect(cached.prepare('select 1 as a')).toBe(a);
    expect(cached.prepare('select 2 as b')).not.toBe(b);
  });

  it('gives a fresh statement while the kept one is still being iterated', () => {
    const cached = withStatementCache(sqlite);
    sqlite.exec("insert into t (name) values ('x'), ('y')");
    const iterating = cached.prepare('select name from t order by id');
    const rows = iterating.iterate([]);
    expect(rows.next().value).toEqual({ name: 'x' });
    const other = cached.prepare('select name from t order by id');
    expect(other).not.toBe(iterating);
    expect(other.all([])).toEqual([{ name: 'x' }, { name: 'y' }]);
    expect(rows.next().value).toEqual({ name: 'y' });
    expect(rows.next().done).toBe(true);
  });

  it('sees a column a migration added after the statement was kept', () => {
    const cached = withStatementCache(sqlite);
    sqlite.exec("insert into t (name) values ('x')");
    expect(cached.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'x' }]);
    sqlite.exec("alter table t add column note text not null default 'n'");
    expect(cached.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'x', note: 'n' }]);
  });
});
