import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, expect, test } from "vitest";
import { db } from "~/utils/db.server";
import { databaseFile } from "~/utils/env.server";
import { BackupError, backupDatabase, checkBackup, restoreDatabase } from "~/utils/backup.server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-backup-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function addUsers(prefix: string, n: number) {
  for (let i = 0; i < n; i++) {
    await db.user.create({ data: { email: `${prefix}${i}@example.vn`, passwordHash: "-", fullName: "Sao Lưu", learnerGroup: "resident", searchKey: "sao luu" } });
  }
}

test("a backup taken while the app writes is a consistent, checked snapshot", async () => {
  await addUsers("before-", 20);
  let writing = true;
  const writes = (async () => {
    let i = 0;
    while (writing) {
      await addUsers(`during-${i++}-`, 1);
      // SQLite answers synchronously: without a pause this loop would never let the timer below run.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return i;
  })();
  await new Promise((resolve) => setTimeout(resolve, 20));
  let backup;
  try {
    backup = backupDatabase({ from: databaseFile(), to: path.join(dir, "live.db") });
  } finally {
    writing = false;
  }
  expect(await writes).toBeGreaterThan(0);
  expect(backup.bytes).toBeGreaterThan(0);
  expect(checkBackup(backup.file)).toMatchObject({ ok: true });
  const copy = new Database(backup.file, { readonly: true });
  const users = copy.prepare("SELECT email FROM User").all() as Array<{ email: string }>;
  copy.close();
  expect(users.filter((u) => u.email.startsWith("before-"))).toHaveLength(20);
  expect(() => backupDatabase({ from: databaseFile(), to: backup.file })).toThrow(BackupError);
});

test("restoring refuses a damaged file, a file that is not ours, and a database in use", async () => {
  const garbage = path.join(dir, "garbage.db");
  fs.writeFileSync(garbage, "SQLite format 3\0 but not really");
  expect(() => restoreDatabase({ from: garbage, to: path.join(dir, "target.db") })).toThrow(BackupError);

  const foreign = path.join(dir, "foreign.db");
  new Database(foreign).exec("CREATE TABLE notes (x)");
  expect(() => restoreDatabase({ from: foreign, to: path.join(dir, "target.db") })).toThrow(/not a Học Số database/);

  const backup = backupDatabase({ from: databaseFile(), to: path.join(dir, "for-busy.db") });
  // The test's own database is open (this process's app connection): that is a running server.
  expect(() => restoreDatabase({ from: backup.file, to: databaseFile() })).toThrow(/in use/);
});

test("restoring replaces the database, keeps the old one beside it, and says which migrations are pending", async () => {
  await addUsers("restore-", 20);
  const backup = backupDatabase({ from: databaseFile(), to: path.join(dir, "to-restore.db") });
  const target = path.join(dir, "target.db");
  fs.copyFileSync(backup.file, target);
  const changed = new Database(target);
  changed.prepare("DELETE FROM User").run();
  changed.close();

  const result = restoreDatabase({ from: backup.file, to: target, now: new Date("2026-11-29T10:00:00Z") });
  expect(result.keptAs).toBe(`${target}.before-restore-20261129-100000`);
  expect(result.pending).toEqual([]);
  const restored = new Database(target, { readonly: true });
  expect((restored.prepare("SELECT count(*) AS n FROM User").get() as { n: number }).n).toBeGreaterThanOrEqual(20);
  restored.close();
  const kept = new Database(result.keptAs!, { readonly: true });
  expect((kept.prepare("SELECT count(*) AS n FROM User").get() as { n: number }).n).toBe(0);
  kept.close();
});
