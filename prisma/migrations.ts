/**
 * Making migrations without `prisma migrate dev`, which needs a shadow
 * database the WebAssembly engine cannot create (prisma/README.md).
 *
 * The SQL of a new migration is the difference between the schema that the
 * existing migrations produce (apply them to a scratch database, introspect
 * it) and prisma/schema.prisma.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runPrisma } from "./cli.mjs";

const root = path.resolve(import.meta.dirname, "..");
export const migrationsDir = path.join(root, "prisma/migrations");

type RunResult = { status: number | null; stdout: string; stderr: string };
const prisma = (args: string[], env: Record<string, string> = {}): RunResult =>
  runPrisma(args, { env, stdio: "pipe" }) as RunResult;

function must(result: RunResult, what: string): string {
  if (result.status !== 0) throw new Error(`${what} failed:\n${result.stderr || result.stdout}`);
  return result.stdout;
}

export function hasMigrations(): boolean {
  return (
    fs.existsSync(migrationsDir) &&
    fs.readdirSync(migrationsDir).some((name) => fs.existsSync(path.join(migrationsDir, name, "migration.sql")))
  );
}

/** Applies every migration to a fresh SQLite file in a temporary folder. */
export function migrateScratchDatabase(file: string) {
  must(prisma(["migrate", "deploy"], { DATABASE_URL: `file:${file}` }), "prisma migrate deploy");
}

/**
 * The SQL that would bring the migrations' schema to schema.prisma: empty
 * when they agree.
 */
export function pendingSchemaChanges(): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-migrations-"));
  try {
    let from = ["--from-empty"];
    if (hasMigrations()) {
      const dbFile = path.join(scratch, "scratch.db");
      migrateScratchDatabase(dbFile);
      const pulled = must(prisma(["db", "pull", "--print"], { DATABASE_URL: `file:${dbFile}` }), "prisma db pull");
      const start = pulled.indexOf("generator");
      if (start < 0) throw new Error(`prisma db pull printed no schema:\n${pulled}`);
      const fromSchema = path.join(scratch, "from.prisma");
      fs.writeFileSync(fromSchema, pulled.slice(start));
      from = ["--from-schema-datamodel", fromSchema];
    }
    const sql = must(
      prisma(["migrate", "diff", ...from, "--to-schema-datamodel", "prisma/schema.prisma", "--script"]),
      "prisma migrate diff",
    );
    return sql.includes("This is an empty migration") ? "" : sql.trim();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function timestamp(date = new Date()) {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

/** npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql. */
function main() {
  const name = process.argv[2];
  if (!name || !/^[a-z0-9_]+$/.test(name)) {
    console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _; e.g. add_quiz_attempts)");
    process.exit(2);
  }
  const sql = pendingSchemaChanges();
  if (!sql) {
    console.log("prisma/schema.prisma and the migrations already agree: no migration needed.");
    return;
  }
  const dir = path.join(migrationsDir, `${timestamp()}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
  if (!fs.existsSync(path.join(migrationsDir, "migration_lock.toml"))) {
    fs.writeFileSync(path.join(migrationsDir, "migration_lock.toml"), 'provider = "sqlite"\n');
  }
  console.log(`Wrote ${path.relative(root, dir)}/migration.sql. Review it, then run npm run db:migrate.`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
