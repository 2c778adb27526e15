/**
 * Whether this process can use the SQLite file at all, checked before
 * anything opens it, so the operator reads what to fix instead of a
 * driver's "External error" or "unable to open database file".
 */
import fs from "node:fs";
import path from "node:path";

/** Why the database file cannot be used, in one sentence for the operator; null when it can. */
export function databaseFileProblem(file: string): string | null {
  const dir = path.dirname(file);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    return `The folder ${dir} for the database does not exist and cannot be created (${codeOf(error)}). Create it, or set DATABASE_URL to a file in a folder this user can write.`;
  }
  // SQLite writes -wal and -shm files beside the database, so the folder
  // itself must be writable. access() says yes to root even on a read-only
  // mount or an immutable folder; creating a file is the honest test.
  const probe = path.join(dir, `.hocso-write-check-${process.pid}`);
  try {
    fs.writeFileSync(probe, "");
    fs.rmSync(probe);
  } catch (error) {
    return `The folder ${dir} is not writable by this user (${codeOf(error)}). SQLite needs to create the database and its -wal and -shm files there: fix the folder's permissions or mount, or set DATABASE_URL to a file in a writable folder.`;
  }
  for (const name of [file, `${file}-wal`, `${file}-shm`]) {
    if (!fs.existsSync(name)) continue;
    try {
      fs.accessSync(name, fs.constants.R_OK | fs.constants.W_OK);
      // Opening for append changes nothing, and fails on an immutable or read-only file even for root.
      fs.closeSync(fs.openSync(name, "a"));
    } catch (error) {
      return `The database file ${name} cannot be read and written by this user (${codeOf(error)}). Fix its permissions, or set DATABASE_URL to another file.`;
    }
  }
  return null;
}

function codeOf(error: unknown) {
  return (error as { code?: string } | null)?.code ?? String(error);
}
