/**
 * `npm run drill:disk-full`: the database's disk fills up, then gives I/O
 * errors; the server must answer 503 (not 500, not hang) while it lasts,
 * keep serving what only reads, and recover by itself, without a restart,
 * once the disk is writable again. Needs root (it mounts a small tmpfs and
 * uses chattr), as on our machines and CI.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { COURSE, LESSON, Learner, line, scratchDir, startServer, stopServer, type Server } from "./harness";

const { values } = parseArgs({ options: { port: { type: "string", default: "3412" } } });
const port = Number(values.port);

function sh(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr || result.error}. This drill needs root (mount, chattr).`);
}

let n = 0;
async function signUp(server: Server) {
  const learner = new Learner(server.url);
  const response = await learner.request("/sign-up", {
    form: { identifier: `o-day-${n++}@example.vn`, fullName: "Ổ Đầy", password: "mat-khau-dien-tap-2026", learnerGroup: "resident", provinceCode: "01", consentLearningRecords: "on" },
  });
  return { status: response.status, busyPage: (await response.text()).includes("Hệ thống đang bận"), retryAfter: response.headers.get("retry-after") };
}

const health = (server: Server) => fetch(`${server.url}/healthz`).then((r) => r.status);

/** Writes until one is refused (the WAL may still have room for a few), at most 500. */
async function untilRefused(server: Server) {
  for (let accepted = 0; accepted < 500; accepted++) {
    const result = await signUp(server);
    if (result.status !== 302) return { accepted, result };
  }
  throw new Error("500 sign-ups went through on a full disk: the drill could not fill it.");
}

/** Polls until /healthz says 200 and a sign-up goes through; the milliseconds it took. */
async function recovery(server: Server) {
  const started = performance.now();
  while (performance.now() - started < 60_000) {
    if ((await health(server)) === 200 && (await signUp(server)).status === 302) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("The server did not recover within 60 s.");
}

async function duringOutage(server: Server, label: string) {
  const refused = await untilRefused(server);
  line(`${label}: sign-ups accepted before the first refusal`, refused.accepted);
  line(`${label}: refused sign-up`, `${refused.result.status}, Retry-After ${refused.result.retryAfter}, busy page ${refused.result.busyPage}`);
  line(`${label}: /healthz`, await health(server));
  const lesson = await fetch(`${server.url}/courses/${COURSE}/${LESSON}`);
  line(`${label}: a lesson page (reading only)`, lesson.status);
  return refused.result.status === 503 && refused.result.busyPage && (await health(server)) === 503 && lesson.status === 200;
}

let ok = true;

// 1. Disk full: the database on a small tmpfs, filled with a file.
const full = scratchDir("disk-full");
sh("mount", ["-t", "tmpfs", "-o", "size=24m", "tmpfs", full]);
try {
  const server = await startServer({ databaseFile: path.join(full, "full.db"), port });
  try {
    const filler = path.join(full, "filler");
    const chunk = Buffer.alloc(64 * 1024, 1);
    const fd = fs.openSync(filler, "w");
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (error) {
      if ((error as { code?: string }).code !== "ENOSPC") throw error;
    } finally {
      fs.closeSync(fd);
    }
    // Also the last bytes a smaller write could still take.
    try {
      fs.appendFileSync(filler, Buffer.alloc(4096, 1));
    } catch {
      /* full */
    }
    ok = (await duringOutage(server, "disk full")) && ok;
    fs.rmSync(filler);
    line("disk full: recovered after space came back, in ms", await recovery(server));
  } finally {
    await stopServer(server);
  }
} finally {
  spawnSync("umount", [full]);
  fs.rmSync(full, { recursive: true, force: true });
}

// 2. I/O errors: the write-ahead log made immutable under the running server.
const io = scratchDir("io-error");
const ioServer = await startServer({ databaseFile: path.join(io, "io.db"), port });
const wal = path.join(io, "io.db-wal");
try {
  await signUp(ioServer); // makes sure the WAL exists
  sh("chattr", ["+i", wal]);
  ok = (await duringOutage(ioServer, "I/O error")) && ok;
  sh("chattr", ["-i", wal]);
  line("I/O error: recovered after the file was writable again, in ms", await recovery(ioServer));
} finally {
  spawnSync("chattr", ["-i", wal]);
  await stopServer(ioServer);
  fs.rmSync(io, { recursive: true, force: true });
}

console.log(ok ? "PASS: 503 while the disk failed, reads went on, recovery without a restart." : "FAIL");
process.exit(ok ? 0 : 1);
