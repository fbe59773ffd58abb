import type { FastifyInstance } from 'fastify';

/**
 * The app's quick wipe calls this when it is online (docs/security.md, "Quick wipe"): the answer tells the
 * browser to drop everything it keeps for this site, the HTTP cache and every storage (IndexedDB, local
 * storage, service workers, Cache Storage), including databases the page itself could not delete because a
 * connection was still open. Open to anyone: it changes nothing on the server and clears only the caller's own
 * browser. A page on another site cannot aim it at a victim's browser: like every POST it must come from this
 * server's own page as JSON (http/cross-site.ts), so a cross-site form or `no-cors` fetch is refused before it.
 */
export function clearSiteDataRoutes(app: FastifyInstance): void {
  app.post('/api/clear-site-data', async (_request, reply) => {
    return reply.header('clear-site-data', '"cache", "storage"').status(200).send({ cleared: true });
  });
}
