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
