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
    return adapter;
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.#inner.connectToShadowDb();
  }
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
