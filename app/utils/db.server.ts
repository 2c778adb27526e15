import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";

/**
 * Opens every connection with the settings this app relies on:
 * - WAL, so readers never wait for a writer;
 * - busy_timeout, so a writer waits for the lock instead of failing at once;
 * - foreign_keys, which SQLite leaves off unless asked;
 * - synchronous from SQLITE_SYNCHRONOUS (NORMAL by default: see env.server.ts).
 */
class ConfiguredSqlite implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "sqlite" as const;
  readonly adapterName: string;
  readonly #inner: PrismaBetterSQLite3;
  readonly #pragmas: string;

  constructor(url: string, synchronous: "NORMAL" | "FULL") {
    this.#inner = new PrismaBetterSQLite3({ url, timeout: 5000 });
    this.adapterName = this.#inner.adapterName;
    this.#pragmas = [
      "PRAGMA journal_mode = WAL;",
      "PRAGMA busy_timeout = 5000;",
      "PRAGMA foreign_keys = ON;",
      `PRAGMA synchronous = ${synchronous};`,
    ].join("\n");
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.#inner.connect();
    await adapter.executeScript(this.#pragmas);
    return countingQueries(outsideTransactions(adapter));
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
}

/**
 * Keeps statements out of other requests' transactions. There is one SQLite
 * connection, and the adapter runs a statement sent outside a transaction
 * on it even while a transaction is open: the statement joins that
 * transaction and vanishes if it rolls back. So while a transaction is
 * starting or open, statements outside it wait until it ends. (Code inside
 * a transaction must use its `tx`, as Prisma asks anyway; a statement on
 * `db` there would wait for the transaction's own timeout.)
 */
function outsideTransactions(adapter: SqlDriverAdapter): SqlDriverAdapter {
  let open = 0;
  let ended: Promise<void> | null = null;
  let end = () => {};
  const enter = () => {
    if (open++ === 0) ended = new Promise((resolve) => (end = resolve));
  };
  const leave = () => {
    if (--open === 0) {
      ended = null;
      end();
    }
  };
  const waitForTransactions = async () => {
    while (ended) await ended;
  };
  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.queryRaw = async (query) => (await waitForTransactions(), queryRaw(query));
  adapter.executeRaw = async (query) => (await waitForTransactions(), executeRaw(query));
  adapter.startTransaction = async (isolation) => {
    // Counted from before BEGIN: nothing may slip in between BEGIN and the caller's first statement.
    enter();
    let transaction;
    try {
      transaction = await startTransaction(isolation);
    } catch (error) {
      leave();
      throw error;
    }
    const commit = transaction.commit.bind(transaction);
    const rollback = transaction.rollback.bind(transaction);
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      leave();
    };
    transaction.commit = () => commit().finally(finish);
    transaction.rollback = () => rollback().finally(finish);
    return transaction;
  };
  return adapter;
}

const queryCounter = new AsyncLocalStorage<{ queries: number }>();

/** Counts the SQL statements sent, for the counter of the surrounding countQueries() call. */
function countingQueries<T extends { queryRaw: SqlDriverAdapter["queryRaw"]; executeRaw: SqlDriverAdapter["executeRaw"] }>(queryable: T): T {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query) => {
    const counter = queryCounter.getStore();
    if (counter) counter.queries++;
    return queryRaw(query);
  };
  queryable.executeRaw = (query) => {
    const counter = queryCounter.getStore();
    if (counter) counter.queries++;
    return executeRaw(query);
  };
  if ("startTransaction" in queryable && typeof queryable.startTransaction === "function") {
    const start = (queryable.startTransaction as SqlDriverAdapter["startTransaction"]).bind(queryable);
    (queryable as unknown as SqlDriverAdapter).startTransaction = async (isolation) => countingQueries(await start(isolation));
  }
  return queryable;
}

/**
 * Runs fn and counts the database statements it sends. For tests and
 * benchmarks of hot paths ("a lesson page makes N queries").
 */
export async function countQueries<T>(fn: () => Promise<T> | T): Promise<{ result: T; queries: number }> {
  const counter = { queries: 0 };
  const result = await queryCounter.run(counter, fn);
  return { result, queries: counter.queries };
}

function createClient() {
  const settings = env();
  return new PrismaClient({
    adapter: new ConfiguredSqlite(settings.DATABASE_URL, settings.SQLITE_SYNCHRONOUS),
    log: settings.NODE_ENV === "development" ? ["warn", "error"] : ["error"],
  });
}

// One client per process: in development the server build is re-imported on
// every change, and a client per import would leak connections.
const globalForDb = globalThis as unknown as { __hocSoDb?: PrismaClient };
export const db: PrismaClient = (globalForDb.__hocSoDb ??= createClient());

export async function closeDatabase() {
  await db.$disconnect();
}
