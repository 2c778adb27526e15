import Database from "better-sqlite3";
import { afterEach, beforeAll, expect, test } from "vitest";
import { databaseFile } from "~/utils/env.server";
import { db, isDatabaseUnavailable, writeHealth } from "~/utils/db.server";

beforeAll(async () => {
  await db.throttle.create({ data: { key: "test:existing", hits: 1, updatedAt: new Date() } });
});

const other: Database.Database[] = [];
afterEach(() => {
  for (const connection of other.splice(0)) connection.close();
});

/** A second process's connection to the same file: a backup, the sqlite3 shell, another server. */
function otherProcess() {
  const connection = new Database(databaseFile(), { timeout: 0 });
  other.push(connection);
  return connection;
}

/** The longest time the event loop went without running a 5 ms timer while fn ran. */
async function longestStall<T>(fn: () => Promise<T>) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  try {
    const result = await fn();
    return { result, longest };
  } finally {
    clearInterval(timer);
  }
}

test("every connection opens with WAL, no blocking busy timeout, foreign keys and synchronous FULL", async () => {
  const [journal] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
  const [busy] = await db.$queryRawUnsafe<Array<{ timeout: bigint | number }>>("PRAGMA busy_timeout");
  const [fk] = await db.$queryRawUnsafe<Array<{ foreign_keys: bigint | number }>>("PRAGMA foreign_keys");
  const [sync] = await db.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
  expect(journal?.journal_mode).toBe("wal");
  // Waiting for a lock happens in JavaScript, asynchronously: SQLite itself never sleeps.
  expect(Number(busy?.timeout)).toBe(0);
  expect(Number(fk?.foreign_keys)).toBe(1);
  expect(Number(sync?.synchronous)).toBe(2); // 2 = FULL, the default of SQLITE_SYNCHRONOUS
});

test("a transaction that rolls back never takes another request's writes with it", async () => {
  let inside!: () => void;
  const opened = new Promise<void>((resolve) => (inside = resolve));
  const failing = db
    .$transaction(async (tx) => {
      await tx.throttle.create({ data: { key: "test:rolled-back", hits: 1, updatedAt: new Date() } });
      inside();
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("changed my mind");
    })
    .catch((error: Error) => error.message);
  await opened;
  await db.throttle.create({ data: { key: "test:other-request", hits: 1, updatedAt: new Date() } });
  expect(await failing).toBe("changed my mind");
  expect(await db.throttle.findUnique({ where: { key: "test:rolled-back" } })).toBeNull();
  expect(await db.throttle.findUnique({ where: { key: "test:other-request" } })).not.toBeNull();
});

test("reads do not wait for another request's open transaction", async () => {
  let inside!: () => void;
  let finish!: () => void;
  const opened = new Promise<void>((resolve) => (inside = resolve));
  const held = new Promise<void>((resolve) => (finish = resolve));
  const transaction = db.$transaction(async (tx) => {
    await tx.throttle.create({ data: { key: "test:slow-transaction", hits: 1, updatedAt: new Date() } });
    inside();
    await held;
  });
  await opened;
  // Not committed yet: the reader sees the database as it was.
  expect(await db.throttle.findUnique({ where: { key: "test:slow-transaction" } })).toBeNull();
  finish();
  await transaction;
  expect(await db.throttle.findUnique({ where: { key: "test:slow-transaction" } })).not.toBeNull();
});

test("a COMMIT that fails releases the writer: the next statements run at once", async () => {
  // A deferred foreign-key violation makes COMMIT itself fail, as a full
  // disk or an I/O error would. It used to leave every later statement waiting.
  const failed = await db
    .$transaction(async (tx) => {
      await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
      await tx.session.create({ data: { id: "orphan", userId: "no-such-user", expiresAt: new Date() } });
    })
    .then(
      () => "committed",
      () => "failed",
    );
  expect(failed).toBe("failed");
  expect(await db.session.findUnique({ where: { id: "orphan" } })).toBeNull();
  const started = performance.now();
  await db.throttle.create({ data: { key: "test:after-failed-commit", hits: 1, updatedAt: new Date() } });
  await db.$transaction(async (tx) => tx.throttle.update({ where: { key: "test:after-failed-commit" }, data: { hits: 2 } }));
  expect(performance.now() - started).toBeLessThan(500);
});

test("a full disk gives DatabaseUnavailableError, marks writes as failing, and recovers by itself", async () => {
  // max_page_count makes SQLite answer SQLITE_FULL exactly as a full disk does.
  const [{ page_count } = { page_count: 0 }] = await db.$transaction((tx) =>
    tx.$queryRawUnsafe<Array<{ page_count: bigint }>>("PRAGMA page_count"),
  );
  await db.$transaction((tx) => tx.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`));
  const big = "x".repeat(200_000);
  const write = () => db.throttle.create({ data: { key: `test:full:${big}`, hits: 1, updatedAt: new Date() } });
  const inTransaction = () => db.$transaction(async (tx) => tx.throttle.create({ data: { key: `test:full-tx:${big}`, hits: 1, updatedAt: new Date() } }));

  const outside = await write().catch((error: unknown) => error);
  expect(isDatabaseUnavailable(outside) && outside.reason).toBe("full");
  expect(writeHealth().failingSince).toBeInstanceOf(Date);
  const inside = await inTransaction().catch((error: unknown) => error);
  expect(isDatabaseUnavailable(inside) && inside.reason).toBe("full");
  // Reads still work while the disk is full.
  expect(await db.throttle.findUnique({ where: { key: "test:existing" } })).not.toBeNull();

  await db.$transaction((tx) => tx.$queryRawUnsafe("PRAGMA max_page_count = 1073741823"));
  await write();
  await inTransaction();
  expect(writeHealth().failingSince).toBeNull();
});

test("while another process holds the write lock, reads go on, writes wait without blocking the event loop, then give up with 503-worthy errors", async () => {
  const holder = otherProcess();
  holder.exec("BEGIN IMMEDIATE");
  try {
    const read = await longestStall(() => db.throttle.findUnique({ where: { key: "test:existing" } }));
    expect(read.result).not.toBeNull();

    const started = performance.now();
    const write = await longestStall(() =>
      db.throttle.create({ data: { key: "test:locked", hits: 1, updatedAt: new Date() } }).catch((error: unknown) => error),
    );
    const waited = performance.now() - started;
    expect(isDatabaseUnavailable(write.result) && write.result.reason).toBe("busy");
    expect(isDatabaseUnavailable(write.result) && write.result.retryAfterSeconds).toBeGreaterThan(0);
    expect(waited).toBeGreaterThan(1000); // it did wait (SQLITE_LOCK_TIMEOUT_MS, 3 s by default)
    // The event loop kept running meanwhile. (A blocking wait would stall it for the
    // whole 3 s; the margin is for a busy test machine, not for the code.)
    expect(write.longest).toBeLessThan(1000);
    // A lock that never came is not a failing disk.
    expect(writeHealth().failingSince).toBeNull();
  } finally {
    holder.exec("ROLLBACK");
  }
  expect(await db.throttle.findUnique({ where: { key: "test:locked" } })).toBeNull();
});

test("a write that meets another process's lock goes through once the lock is released", async () => {
  const holder = otherProcess();
  holder.exec("BEGIN IMMEDIATE");
  setTimeout(() => holder.exec("COMMIT"), 1000);
  const { result, longest } = await longestStall(() =>
    db.$transaction(async (tx) => tx.throttle.create({ data: { key: "test:after-lock", hits: 1, updatedAt: new Date() } })),
  );
  expect(result.key).toBe("test:after-lock");
  expect(longest).toBeLessThan(500); // a blocking wait would stall the event loop for the whole second
});

test("transactions that arrive together run one after another, all of them", async () => {
  await db.throttle.create({ data: { key: "test:counter", hits: 0, updatedAt: new Date() } });
  await Promise.all(
    Array.from({ length: 30 }, () =>
      db.$transaction(async (tx) => {
        const row = await tx.throttle.findUniqueOrThrow({ where: { key: "test:counter" } });
        await new Promise((resolve) => setTimeout(resolve, 1));
        await tx.throttle.update({ where: { key: "test:counter" }, data: { hits: row.hits + 1 } });
      }),
    ),
  );
  expect((await db.throttle.findUniqueOrThrow({ where: { key: "test:counter" } })).hits).toBe(30);
});

test("the health check says 503-worthy while writes fail for lack of space, and ok again once they work", async () => {
  const { checkDatabase } = await import("~/models/health.server");
  const [{ page_count } = { page_count: 0 }] = await db.$transaction((tx) =>
    tx.$queryRawUnsafe<Array<{ page_count: bigint }>>("PRAGMA page_count"),
  );
  await db.$transaction((tx) => tx.$queryRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`));
  await db.throttle.create({ data: { key: `test:health:${"x".repeat(200_000)}`, hits: 1, updatedAt: new Date() } }).catch(() => {});
  expect(await checkDatabase()).toEqual({ ok: false, error: "full" });
  await db.$transaction((tx) => tx.$queryRawUnsafe("PRAGMA max_page_count = 1073741823"));
  expect(await checkDatabase()).toEqual({ ok: true });
  expect(writeHealth().failingSince).toBeNull();
});
