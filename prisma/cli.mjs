#!/usr/bin/env node
// The one way this project runs the Prisma CLI (see prisma/README.md).
//
// Our machines reach only the npm registry. Prisma's CLI checks for native
// engine binaries at start-up and tries to download them even in "js" engine
// mode; pointing these two variables at any existing file skips that check.
// The engines actually used are the WebAssembly schema engine bundled in the
// `prisma` package and the better-sqlite3 driver adapter (prisma.config.ts).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const prismaCli = require.resolve("prisma/build/index.js", { paths: [root] });

export function runPrisma(args, { env = {}, stdio = "inherit" } = {}) {
  const result = spawnSync(process.execPath, [prismaCli, ...args], {
    cwd: root,
    stdio,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? prismaCli,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? prismaCli,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      CHECKPOINT_DISABLE: "1",
      ...env,
    },
  });
  if (result.error) throw result.error;
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = runPrisma(process.argv.slice(2));
  process.exit(result.status ?? 1);
}
