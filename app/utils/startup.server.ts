import fs from "node:fs";
import { checkDatabase } from "~/models/health.server";
import { databaseFile } from "~/utils/env.server";

/** A start-up problem the operator can fix; the server prints its message alone and exits. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** Refuses to serve from a database that is missing, unreadable or not migrated. */
export async function assertDatabaseReady() {
  const file = databaseFile();
  if (!fs.existsSync(file)) {
    throw new StartupError(
      `The database file ${file} does not exist. Run \`npm run db:setup\` to create it (npm start does this for you), or set DATABASE_URL to an existing file.`,
    );
  }
  try {
    fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw new StartupError(
      `The database file ${file} cannot be read and written by this user. Fix its permissions (and its folder's), or set DATABASE_URL to another file.`,
    );
  }
  const health = await checkDatabase();
  if (!health.ok) {
    throw new StartupError(
      `The database file ${file} is not usable (${health.error}). Run \`npm run db:setup\` to apply the migrations.`,
    );
  }
}
