import fs from "node:fs";
import { checkDatabase } from "~/models/health.server";
import { databaseFileProblem } from "~/utils/database-file.server";
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
  const problem = databaseFileProblem(file);
  if (problem) throw new StartupError(problem);
  const health = await checkDatabase();
  if (!health.ok) {
    throw new StartupError(
      `The database file ${file} is not usable (${health.error}). Run \`npm run db:setup\` to apply the migrations.`,
    );
  }
}
