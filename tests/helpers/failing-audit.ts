import { InsertQueryNode, type Kysely, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

export const AUDIT_FAILURE = 'audit insert failed (injected by the test)';

/** Fails every insert into audit_log, as a full disk or a lost connection would fail that one statement. */
class FailingAuditInsert implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (InsertQueryNode.is(args.node) && args.node.into?.table.identifier.name === 'audit_log') throw new Error(AUDIT_FAILURE);
    return args.node;
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The same database through a Kysely whose audit inserts fail: an operation given it must store nothing. */
export function withFailingAudit(db: Kysely<Database>): Kysely<Database> {
  return db.withPlugin(new FailingAuditInsert());
}
