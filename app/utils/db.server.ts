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
    return countingQueries(adapter);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
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
