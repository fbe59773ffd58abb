import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Connection } from '../../src/app/base/api/client.ts';
import type { PullResponse, PushResponse } from '../../src/core/sync/protocol.ts';
import { buildApp } from '../../src/server/app.ts';
import { connect, type Db } from '../../src/server/db/connect.ts';
import type { TestDb } from './databases.ts';

/**
 * What the network does to one request:
 * - ok: delivered, and its answer too;
 * - drop request: never reaches the server;
 * - drop answer: the server handles it (and commits), the answer is lost;
 * - duplicate: two copies reach the server at the same time (on PostgreSQL, two server processes with
 *   their own connection pools, as behind a load balancer); the first answer comes back;
 * - late: held back and delivered later, after newer requests (its answer is lost);
 * - truncate: the server handles it, the answer's body is cut in half.
 */
export const FAULTS = ['ok', 'drop request', 'drop answer', 'duplicate', 'late', 'truncate'] as const;
export type Fault = (typeof FAULTS)[number];

interface HeldRequest {
  readonly path: string;
  readonly init: RequestInit;
  readonly from: string;
}

/** An answer that reached a client whole: what the client was told. */
export interface Delivered {
  readonly client: string;
  readonly path: string;
  readonly status: number;
  readonly body: string;
}

/**
 * The server app behind a network that breaks as the sync property test orders: each client
 * (a simulated device or the coordinator's browser) gets a Connection whose fetch goes through
 * Fastify's inject to the current app, with the fault planned for its next request. The app can be
 * restarted (a new instance on the same database), and every answer is watched for a 5xx.
 */
export class FaultyNetwork {
  app: FastifyInstance;
  /** Every 5xx the server answered, with the request that got it: none may happen. */
  readonly serverErrors: string[] = [];
  /** Every answer a client received whole, in order. */
  readonly delivered: Delivered[] = [];
  readonly #held: HeldRequest[] = [];
  readonly #plans = new Map<string, Fault[]>();
  readonly #firstApp: FastifyInstance;
  /** The second server process (PostgreSQL only: SQLite is one process by design). */
  #twin: { readonly app: FastifyInstance; readonly db: Db } | undefined;

  private constructor(
    app: FastifyInstance,
    private readonly database: TestDb,
  ) {
    this.app = app;
    this.#firstApp = app;
  }

  static async open(app: FastifyInstance, database: TestDb): Promise<FaultyNetwork> {
    const network = new FaultyNetwork(app, database);
    if (database.engine === 'postgres') {
      const db = connect({ databaseUrl: database.url, dataDir: '', ...(database.schema === undefined ? {} : { schema: database.schema }) });
      network.#twin = { app: await buildApp({ database: db, checkResponses: true }), db };
    }
    return network;
  }

  /** The faults `client`'s next requests meet, in order; once used up, requests go through. */
  plan(client: string, faults: readonly Fault[]): void {
    this.#plans.set(client, [...faults]);
  }

  /**
   * A connection for one client. `address` is its own network address (each phone has one, so the
   * per-address limits on enrolment and sign-in see phones, not the test); `cookie` a browser session.
   */
  connect(client: string, address: string, cookie?: string): Connection {
    return {
      token: undefined,
      fetch: async (path, init) => {
        const fault = this.#plans.get(client)?.shift() ?? 'ok';
        const request: HeldRequest = { path, init: cookie === undefined ? init : { ...init, headers: { ...headersOf(init), cookie } }, from: address };
        if (fault === 'drop request') throw new TypeError('fetch failed: the request was lost');
        if (fault === 'late') {
          this.#held.push(request);
          throw new TypeError('fetch failed: no answer yet');
        }
        const [answer] = await Promise.all(fault === 'duplicate' ? [this.#deliver(request), this.#deliver(request, this.#twin?.app)] : [this.#deliver(request)]);
        if (fault === 'drop answer') throw new TypeError('fetch failed: the answer was lost');
        if (fault === 'truncate') return new Response(answer.body.slice(0, Math.floor(answer.body.length / 2)), { status: answer.statusCode, headers: { 'content-type': 'application/json' } });
        this.delivered.push({ client, path, status: answer.statusCode, body: answer.body });
        return new Response(answer.body === '' ? null : answer.body, { status: answer.statusCode, headers: { 'content-type': 'application/json' } });
      },
    };
  }

  /** Delivers every request held back (oldest first), now that newer ones have gone through; their answers are lost. */
  async deliverLate(): Promise<void> {
    for (const request of this.#held.splice(0)) await this.#deliver(request);
  }

  /** A restart: a new app instance (cold caches) on the same database. Nothing is in flight when it happens. */
  async restart(): Promise<void> {
    if (this.app !== this.#firstApp) await this.app.close();
    this.app = await buildApp({ database: this.database, checkResponses: true });
  }

  /** Closes the apps this network started (the first one belongs to the test server). */
  async close(): Promise<void> {
    if (this.app !== this.#firstApp) await this.app.close();
    await this.#twin?.app.close();
    await this.#twin?.db.close();
  }

  /** Every pull page and push answer `client` received whole, in order. */
  pullsOf(client: string): PullResponse[] {
    return this.delivered.filter((d) => d.client === client && d.status === 200 && d.path.startsWith('/api/sync/pull')).map((d) => JSON.parse(d.body) as PullResponse);
  }

  pushAnswersOf(client: string): PushResponse[] {
    return this.delivered.filter((d) => d.client === client && d.status === 200 && d.path === '/api/sync/push').map((d) => JSON.parse(d.body) as PushResponse);
  }

  async #deliver(request: HeldRequest, app: FastifyInstance = this.app): Promise<LightMyRequestResponse> {
    const method = (request.init.method ?? 'GET') as 'GET' | 'POST' | 'PUT';
    const body = request.init.body;
    const answer = await app.inject({
      method,
      url: request.path,
      headers: headersOf(request.init),
      remoteAddress: request.from,
      ...(typeof body === 'string' ? { payload: body } : {}),
    });
    if (answer.statusCode >= 500) this.serverErrors.push(`${method} ${request.path} answered ${answer.statusCode}: ${answer.body.slice(0, 500)}`);
    return answer;
  }
}

function headersOf(init: RequestInit): Record<string, string> {
  return Object.fromEntries(new Headers(init.headers).entries());
}
