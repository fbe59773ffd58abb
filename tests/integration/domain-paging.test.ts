import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '../helpers/databases.ts';
import { startTestServer, tableCounts, type TestServer } from '../helpers/test-server.ts';

const CASES = 1_203;

interface CasePage {
  readonly cases: readonly { readonly id: string; readonly updatedAt: string; readonly court: string }[];
  readonly next: string | null;
  readonly projects: readonly unknown[];
}

/** Lists that used to stop silently (cases at 1,000, a project's assignments at 5,000) page by cursor and return everything. */
describe.each(testEngines())('paged lists on %s', (engine) => {
  let server: TestServer;
  const ids: string[] = [];
  beforeAll(async () => {
    server = await startTestServer(engine);
    const rows = Array.from({ length: CASES }, (_, i) => {
      const id = uuidv7();
      ids.push(id);
      // Groups of three share a timestamp, so the id must break the tie for a page boundary to hold.
      const at = new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 60_000).toISOString();
      return { id, project_id: server.projectA, code: `P-${String(i).padStart(4, '0')}`, court: i % 2 === 0 ? 'City court' : 'Regional court', version: 1, created_by: server.people.coord.id, created_at: at, updated_at: at };
    });
    for (let i = 0; i < rows.length; i += 200) await server.database.db.insertInto('cases').values(rows.slice(i, i + 200)).execute();
  });
  afterAll(async () => {
    await server.close();
  });

  const allPages = async <P extends { next: string | null }>(path: string): Promise<P[]> => {
    const pages: P[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const response = await server.request(server.people.coord, 'GET', cursor === null ? path : `${path}${separator}cursor=${encodeURIComponent(cursor)}`);
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json<P>();
      pages.push(page);
      cursor = page.next;
    } while (cursor !== null && pages.length < 100);
    return pages;
  };

  it(`/api/cases with ${CASES.toLocaleString('en')} cases answers pages of 500 and every case once, newest first`, async () => {
    const pages = await allPages<CasePage>('/api/cases');
    expect(pages.map((p) => p.cases.length)).toEqual([500, 500, 203]);
    expect(pages.at(-1)?.next).toBeNull();
    const listed = pages.flatMap((p) => p.cases);
    expect(new Set(listed.map((c) => c.id)).size).toBe(CASES);
    expect([...listed.map((c) => c.id)].sort()).toEqual([...ids].sort());
    const order = listed.map((c) => `${c.updatedAt} ${c.id}`);
    expect(order).toEqual([...order].sort().reverse());
  });

  it('pages a filtered list with a smaller limit the same way', async () => {
    const pages = await allPages<CasePage>('/api/cases?court=regional&limit=100');
    expect(pages).toHaveLength(7);
    const listed = pages.flatMap((p) => p.cases);
    expect(listed).toHaveLength(601);
    expect(listed.every((c) => c.court === 'Regional court')).toBe(true);
    expect(new Set(listed.map((c) => c.id)).size).toBe(601);
  });

  it('refuses a cursor it did not give with 400 bad_cursor, storing nothing', async () => {
    const before = await tableCounts(server.database);
    for (const cursor of ['nonsense', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('["x"]').toString('base64url')]) {
      const response = await server.request(server.people.coord, 'GET', `/api/cases?cursor=${cursor}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: { code: 'bad_cursor', params: {} } });
    }
    expect(await tableCounts(server.database)).toEqual(before);
  });

  it("a project's assignments page by cursor too and list every case once", async () => {
    const pages = await allPages<{ cases: { id: string; code: string }[]; next: string | null }>(`/api/projects/${server.projectA}/assignments`);
    expect(pages.map((p) => p.cases.length)).toEqual([1_000, 203]);
    const codes = pages.flatMap((p) => p.cases.map((c) => c.code));
    expect(codes).toEqual([...codes].sort());
    expect(new Set(pages.flatMap((p) => p.cases.map((c) => c.id)))).toEqual(new Set(ids));
  });
});
