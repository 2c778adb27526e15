import { expect, test } from "vitest";
import { db } from "~/utils/db.server";

test("every connection opens with WAL, a busy timeout, foreign keys and the stated synchronous level", async () => {
  const [journal] = await db.$queryRawUnsafe<Array<{ journal_mode: string }>>("PRAGMA journal_mode");
  const [busy] = await db.$queryRawUnsafe<Array<{ timeout: bigint | number }>>("PRAGMA busy_timeout");
  const [fk] = await db.$queryRawUnsafe<Array<{ foreign_keys: bigint | number }>>("PRAGMA foreign_keys");
  const [sync] = await db.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous");
  expect(journal?.journal_mode).toBe("wal");
  expect(Number(busy?.timeout)).toBe(5000);
  expect(Number(fk?.foreign_keys)).toBe(1);
  expect(Number(sync?.synchronous)).toBe(1); // 1 = NORMAL, the default of SQLITE_SYNCHRONOUS
});

test("a transaction that rolls back never takes another request's writes with it", async () => {
  // The app has one SQLite connection. A statement from another request that
  // ran while a transaction was open would run inside it, and vanish with it.
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
