import { AsyncLocalStorage } from "node:async_hooks";
import { PrismaClient } from "~/generated/prisma/client";
import { env } from "~/utils/env.server";
import { SqliteAdapterFactory, type WriteHealth } from "~/utils/sqlite.server";

export { DatabaseUnavailableError, isDatabaseUnavailable } from "~/utils/sqlite.server";

const queryCounter = new AsyncLocalStorage<{ queries: number }>();

/**
 * Runs fn and counts the SQL statements it sends to SQLite (BEGIN and
 * COMMIT included). For tests and benchmarks of hot paths ("a lesson page
 * makes N queries").
 */
export async function countQueries<T>(fn: () => Promise<T> | T): Promise<{ result: T; queries: number }> {
  const counter = { queries: 0 };
  const result = await queryCounter.run(counter, fn);
  return { result, queries: counter.queries };
}

function createClient() {
  const settings = env();
  const factory = new SqliteAdapterFactory({
    file: settings.DATABASE_URL.slice("file:".length),
    synchronous: settings.SQLITE_SYNCHRONOUS,
    lockTimeoutMs: settings.SQLITE_LOCK_TIMEOUT_MS,
    transactionTimeoutMs: settings.SQLITE_LOCK_TIMEOUT_MS + 10_000,
    onStatement: () => {
      const counter = queryCounter.getStore();
      if (counter) counter.queries++;
    },
  });
  const client = new PrismaClient({
    adapter: factory,
    log: settings.NODE_ENV === "development" ? ["warn", "error"] : ["error"],
    // The adapter gives up waiting for the writer after SQLITE_LOCK_TIMEOUT_MS
    // with a clear error; Prisma's own waits must not cut in before it.
    transactionOptions: { maxWait: settings.SQLITE_LOCK_TIMEOUT_MS + 1_000, timeout: settings.SQLITE_LOCK_TIMEOUT_MS + 5_000 },
  });
  return { client, factory };
}

// One client per process: in development the server build is re-imported on
// every change, and a client per import would leak connections.
const globalForDb = globalThis as unknown as { __hocSoDb?: ReturnType<typeof createClient> };
const created = (globalForDb.__hocSoDb ??= createClient());
export const db: PrismaClient = created.client;

/** Whether writes are failing now (disk full, I/O errors), for the health check. */
export function writeHealth(): WriteHealth {
  return created.factory.writeHealth();
}

export async function closeDatabase() {
  await db.$disconnect();
}
