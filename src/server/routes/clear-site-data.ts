import type { FastifyInstance } from 'fastify';
import { contract } from '../../core/api/contract.ts';
import { registerRoute } from '../http/register-route.ts';

/**
 * The app's quick wipe calls this when it is online (docs/security.md, "Quick wipe"): the answer tells the
 * browser to drop everything it keeps for this site, the HTTP cache and every storage (IndexedDB, local
 * storage, service workers, Cache Storage), including databases the page itself could not delete because a
 * connection was still open. Open to anyone: it changes nothing on the server and clears only the caller's own
 * browser. A page on another site cannot aim it at a victim's browser: like every POST it must come from this
 * server's own page as JSON (http/cross-site.ts), so a cross-site form or `no-cors` fetch is refused before it.
 */
export function clearSiteDataRoutes(app: FastifyInstance): void {
  registerRoute(app, contract.clearSiteData, async (_input, _request, reply) => {
    void reply.header('clear-site-data', '"cache", "storage"');
    return { cleared: true as const };
  });
}
