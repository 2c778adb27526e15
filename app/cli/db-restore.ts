/**
 * `npm run db:restore -- FILE`: replaces the database with a backup. Stop the
 * server first; the command refuses while the database is open. The
 * database it replaces is kept beside it (<file>.before-restore-<time>).
 */
import fs from "node:fs";
import path from "node:path";
import { BackupError, restoreDatabase } from "~/utils/backup.server";
import { EnvError, databaseFile, parseEnv, projectRoot } from "~/utils/env.server";

if (fs.existsSync(path.join(projectRoot, ".env"))) process.loadEnvFile(path.join(projectRoot, ".env"));

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run db:restore -- FILE (a file made by npm run db:backup)");
  process.exit(2);
}
try {
  const to = databaseFile(parseEnv(process.env));
  const result = restoreDatabase({ from: path.resolve(file), to });
  console.log(`Restored ${to} from ${file} (integrity ok).`);
  if (result.keptAs) console.log(`The database it replaced is kept as ${result.keptAs}.`);
  if (result.pending.length > 0) console.log(`${result.pending.length} newer migrations will be applied at the next npm start.`);
} catch (error) {
  if (error instanceof BackupError || error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
