/**
 * `npm start`: build if the sources changed, apply migrations, seed, serve.
 * Each step is skipped when there is nothing to do, so a restart is quick.
 *
 * `npm run demo` is the same with `--demo`: the seed then creates the demo
 * accounts (README), whatever .env says, since that is what was asked for.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { databaseFileProblem } from "~/utils/database-file.server";
import { EnvError, databaseFile, parseEnv, projectRoot } from "~/utils/env.server";

if (process.argv.includes("--demo")) process.env.DEMO_ACCOUNTS = "on";
if (fs.existsSync(path.join(projectRoot, ".env"))) process.loadEnvFile(path.join(projectRoot, ".env"));
process.env.NODE_ENV ??= "production";

function run(command: string, args: string[], hint?: string) {
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: process.env });
  if (result.status !== 0) {
    if (hint) console.error(hint);
    process.exit(result.status ?? 1);
  }
}

/** The newest modification time of the files a build is made from. */
function newestSource(): number {
  let newest = 0;
  const visit = (entry: string) => {
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) for (const name of fs.readdirSync(entry)) visit(path.join(entry, name));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const source of ["app", "remix.config.js", "package.json", "tsconfig.json"]) {
    visit(path.join(projectRoot, source));
  }
  return newest;
}

const buildFile = path.join(projectRoot, "build/index.js");
if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < newestSource()) {
  console.log("Building Học Số…");
  run("npm", ["run", "build", "--silent"]);
}

// Said before Prisma's migrations touch the file, whose own message for an
// unwritable folder ("External error id#0") helps nobody.
try {
  const problem = databaseFileProblem(databaseFile(parseEnv(process.env)));
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

run(
  "npm",
  ["run", "db:setup", "--silent"],
  "Could not prepare the database. If another Học Số server is using the same DATABASE_URL, stop it and run npm start again.",
);
await import("~/server/main");
