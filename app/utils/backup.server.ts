/**
 * Backups of the SQLite database while the app serves traffic, and
 * restoring one. Used by `npm run db:backup` and `npm run db:restore`.
 *
 * A backup is `VACUUM INTO`: one read transaction, so it is a consistent
 * snapshot of the moment it started, and in WAL mode writers go on while it
 * runs. (SQLite's page-by-page backup API starts over whenever another
 * connection writes, which under steady traffic can be for ever.)
 */
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { projectRoot } from "~/utils/env.server";

/** The migrations this version of the app has, by folder name. */
function migrationNames(): string[] {
  const dir = path.join(projectRoot, "prisma/migrations");
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "migration.sql")))
    .sort();
}

export class BackupError extends Error {
  override name = "BackupError";
}

/** A file name for a backup taken now, in a `backups` folder beside the database. */
export function defaultBackupFile(databaseFile: string, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-");
  return path.join(path.dirname(databaseFile), "backups", `hocso-${stamp}.db`);
}

export function backupDatabase({ from, to }: { from: string; to: string }) {
  if (!fs.existsSync(from)) throw new BackupError(`There is no database at ${from}.`);
  if (fs.existsSync(to)) throw new BackupError(`${to} already exists; choose another name.`);
  fs.mkdirSync(path.dirname(to), { recursive: true });
  const started = performance.now();
  const source = new Database(from, { readonly: true, timeout: 5000 });
  try {
    source.prepare("VACUUM INTO ?").run(to);
  } finally {
    source.close();
  }
  const checked = checkBackup(to);
  if (!checked.ok) {
    fs.rmSync(to, { force: true });
    throw new BackupError(`The backup failed its integrity check (${checked.problem}); nothing was kept.`);
  }
  return { file: to, bytes: fs.statSync(to).size, milliseconds: Math.round(performance.now() - started), migrations: checked.migrations };
}

type Checked = { ok: true; migrations: string[] } | { ok: false; problem: string };

/** Whether a file is an intact Học Số database, and which migrations it has. */
export function checkBackup(file: string): Checked {
  let connection: Database.Database;
  try {
    connection = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, problem: `cannot open it: ${(error as Error).message}` };
  }
  try {
    const integrity = connection.pragma("integrity_check") as Array<{ integrity_check: string }>;
    const verdict = integrity.map((row) => row.integrity_check).join("; ");
    if (verdict !== "ok") return { ok: false, problem: `integrity_check says ${verdict.slice(0, 300)}` };
    const tables = new Set((connection.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name));
    if (!tables.has("_prisma_migrations") || !tables.has("User")) return { ok: false, problem: "it is not a Học Số database" };
    const migrations = (
      connection.prepare("SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name").all() as Array<{ migration_name: string }>
    ).map((row) => row.migration_name);
    return { ok: true, migrations };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  } finally {
    connection.close();
  }
}

/**
 * Replaces the database with a backup, after checking the backup, and keeps
 * the database it replaces beside it. Refuses while a server (or anything
 * else) has the database open: restoring under a running server would mix
 * two databases.
 */
export function restoreDatabase({ from, to, now = new Date() }: { from: string; to: string; now?: Date }) {
  const checked = checkBackup(from);
  if (!checked.ok) throw new BackupError(`${from} cannot be restored: ${checked.problem}.`);
  const known = new Set(migrationNames());
  const unknown = checked.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupError(`${from} comes from a newer version of Học Số (migrations ${unknown.join(", ")}); update the app first.`);
  }
  let keptAs: string | null = null;
  if (fs.existsSync(to)) {
    assertNotInUse(to);
    keptAs = `${to}.before-restore-${now.toISOString().replace(/[-:]/g, "").replace(/\..*/, "").replace("T", "-")}`;
    const current = new Database(to, { readonly: true });
    try {
      current.prepare("VACUUM INTO ?").run(keptAs);
    } finally {
      current.close();
    }
  }
  // Copy beside the target, then rename over it: the database is either the
  // old one or the restored one, never half of each.
  const temporary = `${to}.restoring-${process.pid}`;
  fs.copyFileSync(from, temporary);
  const handle = fs.openSync(temporary, "r+");
  fs.fsyncSync(handle);
  fs.closeSync(handle);
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(to + suffix, { force: true });
  fs.renameSync(temporary, to);
  return { keptAs, migrations: checked.migrations, pending: migrationNames().filter((name) => !checked.migrations.includes(name)) };
}

/** In WAL mode every open connection holds a shared lock: if an exclusive one cannot be had, someone has the file open. */
function assertNotInUse(file: string) {
  const probe = new Database(file, { timeout: 0 });
  try {
    probe.pragma("locking_mode = EXCLUSIVE");
    probe.exec("BEGIN EXCLUSIVE; COMMIT;");
  } catch (error) {
    const code = (error as { code?: string }).code ?? "";
    if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
      throw new BackupError(`${file} is in use (is the Học Số server running?). Stop the server, then restore.`);
    }
    throw error;
  } finally {
    probe.close();
  }
}
