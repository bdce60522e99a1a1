/**
 * SQLite's `INDEXED BY`: a statement that must read a table through one index, whatever the
 * planner's statistics say. SQLite plans from averages (or, on a database that grew since it was
 * analysed, from none), and an average member is not the member with 100,000 rows; a statement
 * whose index cannot serve it fails to prepare instead of quietly reading the whole table
 * (https://sqlite.org/lang_indexedby.html). PostgreSQL has no such clause and plans by cost.
 */
import {
  type FromNode,
  type KyselyPlugin,
  OperationNodeTransformer,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  RawNode,
  type RootOperationNode,
  TableNode,
  type UnknownRow,
} from 'kysely';
import { type Db, type DialectName, dialectOf, type Trx } from './database.js';

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

class IndexedByTransformer extends OperationNodeTransformer {
  constructor(
    private readonly table: string,
    private readonly index: string,
  ) {
    super();
  }

  protected override transformFrom(node: FromNode): FromNode {
    return {
      ...node,
      froms: node.froms.map((from) =>
        TableNode.is(from) && !from.table.schema && from.table.identifier.name === this.table
          ? RawNode.createWithSql(`"${this.table}" indexed by "${this.index}"`)
          : this.transformNode(from),
      ),
    };
  }
}

/** Rewrites `from <table>` of the query it is attached to (not of the queries it is put in) to `from <table> indexed by <index>`. */
class IndexedBy implements KyselyPlugin {
  readonly #transformer: IndexedByTransformer;

  constructor(table: string, index: string) {
    if (!IDENTIFIER.test(table) || !IDENTIFIER.test(index)) throw new Error(`not an identifier: ${table}, ${index}`);
    this.#transformer = new IndexedByTransformer(table, index);
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** Has `query` read `table` through `index` on SQLite; on PostgreSQL returns it unchanged. */
export function readThrough<Q extends { withPlugin(plugin: KyselyPlugin): Q }>(db: Db | Trx | DialectName, query: Q, table: string, index: string): Q {
  const dialect = typeof db === 'string' ? db : dialectOf(db);
  return dialect === 'sqlite' ? query.withPlugin(new IndexedBy(table, index)) : query;
}
