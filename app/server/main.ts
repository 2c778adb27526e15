/**
 * Starts the web server: `npm start` (production build) and `npm run dev`.
 * Run with tsx so it shares the app's TypeScript modules and path aliases.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { broadcastDevReady, installGlobals, type ServerBuild } from "@remix-run/node";
import { createHttpApp } from "~/server/http";
import { EnvError, env, projectRoot } from "~/utils/env.server";
import { logger } from "~/utils/log.server";

installGlobals();

type EntryWithLifecycle = { startup?: () => Promise<void>; shutdown?: () => Promise<void> };

const BUILD_PATH = path.join(projectRoot, "build/index.js");

async function importBuild(): Promise<ServerBuild> {
  const stamp = fs.statSync(BUILD_PATH).mtimeMs;
  // The query string defeats the module cache, so development sees each rebuild.
  return (await import(`${pathToFileURL(BUILD_PATH).href}?t=${stamp}`)) as ServerBuild;
}

function entryOf(build: ServerBuild) {
  return build.entry.module as unknown as EntryWithLifecycle;
}

async function main() {
  let settings;
  try {
    settings = env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (!fs.existsSync(BUILD_PATH)) {
    console.error("No build found. Run `npm run build` first (npm start does this for you).");
    process.exit(1);
  }

  const mode = settings.NODE_ENV === "development" ? "development" : "production";
  let build = await importBuild();
  try {
    await entryOf(build).startup?.();
  } catch (error) {
    if (error instanceof Error && error.name === "StartupError") {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  if (mode === "development") {
    const { watch } = await import("chokidar");
    watch(path.join(projectRoot, "build/version.txt"), { ignoreInitial: true }).on("all", async () => {
      build = await importBuild();
      await entryOf(build).startup?.();
      await broadcastDevReady(build);
    });
  }

  const app = createHttpApp({
    getBuild: () => build,
    mode,
    publicUrl: settings.PUBLIC_URL,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    projectRoot,
    trustProxy: settings.TRUST_PROXY,
    logger: logger(),
  });

  const server = app.listen(settings.PORT, settings.HOST, () => {
    console.log(`Học Số is ready on ${settings.PUBLIC_URL} (listening on ${settings.HOST}:${settings.PORT}, ${mode})`);
    if (mode === "development") void broadcastDevReady(build);
  });
  server.on("error", (error: NodeJS.ErrnoException) => {
    console.error(
      error.code === "EADDRINUSE"
        ? `Port ${settings.PORT} is already in use. Stop the other server or set PORT to another number.`
        : error,
    );
    process.exit(1);
  });

  // Graceful shutdown: stop accepting connections, let requests in flight
  // finish, then close the database so the WAL is checkpointed cleanly.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing requests in flight, then stopping.`);
    const force = setTimeout(() => {
      console.error("Requests did not finish within 10 s; stopping anyway.");
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await entryOf(build).shutdown?.();
        console.log("Stopped cleanly.");
        process.exit(0);
      } catch (error) {
        console.error(error);
        process.exit(1);
      }
    });
    server.closeIdleConnections();
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

void main();
