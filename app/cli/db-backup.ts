/**
 * `npm run db:backup [-- FILE]`: a consistent copy of the live database,
 * taken while the app serves traffic, checked before it is kept.
 * Without FILE it goes to backups/hocso-<date>-<time>.db beside the database.
 */
import fs from "node:fs";
import path from "node:path";
import { BackupError, backupDatabase, defaultBackupFile } from "~/utils/backup.server";
import { EnvError, databaseFile, parseEnv, projectRoot } from "~/utils/env.server";

if (fs.existsSync(path.join(projectRoot, ".env"))) process.loadEnvFile(path.join(projectRoot, ".env"));

try {
  const from = databaseFile(parseEnv(process.env));
  const to = process.argv[2] ? path.resolve(process.argv[2]) : defaultBackupFile(from);
  const result = backupDatabase({ from, to });
  console.log(
    `Backed up ${from} to ${result.file}: ${(result.bytes / 1024 / 1024).toFixed(2)} MiB in ${result.milliseconds} ms, integrity ok, ${result.migrations.length} migrations.`,
  );
} catch (error) {
  if (error instanceof BackupError || error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
