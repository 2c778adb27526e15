import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { expect, test } from "./fixtures";

const started: ChildProcessWithoutNullStreams[] = [];
test.afterEach(() => {
  for (const child of started.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

// These start their own server processes next to the one Playwright runs.
test.describe.configure({ mode: "serial" });

const root = path.resolve(import.meta.dirname, "../..");

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "app/server/main.ts"], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", HOST: "127.0.0.1", ...env },
  });
  started.push(child);
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function waitForReady(server: { output: () => string; child: ChildProcessWithoutNullStreams }) {
  await expect.poll(() => server.output(), { timeout: 60_000 }).toContain("is ready on");
}

test("SIGTERM lets the request in flight finish, then closes the database and exits 0", async () => {
  const database = path.join(root, "tests/.tmp/shutdown.db");
  fs.copyFileSync(path.join(root, "tests/.tmp/e2e.db"), database);
  const port = 3191;
  const server = startServer({ PORT: String(port), DATABASE_URL: `file:${database}` });
  await waitForReady(server);

  // A request truly in flight: the server has its headers and waits for the body when SIGTERM arrives.
  const body = "lang=en&redirectTo=/courses";
  const socket = net.connect(port, "127.0.0.1");
  let reply = "";
  socket.on("data", (d: Buffer) => (reply += d.toString()));
  const closed = new Promise((resolve) => socket.on("close", resolve));
  await new Promise((resolve) => socket.on("connect", resolve));
  socket.write(
    `POST /language HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  server.child.kill("SIGTERM");
  await expect.poll(() => server.output()).toContain("SIGTERM received");
  socket.end(body);
  await closed;
  expect(reply).toMatch(/^HTTP\/1\.1 303/);
  expect(reply).toMatch(/^location: \/courses\r$/im);

  expect(await server.exited).toBe(0);
  expect(server.output()).toContain("Stopped cleanly.");
  // A clean close checkpoints the write-ahead log into the database file.
  expect(fs.existsSync(`${database}-wal`) ? fs.statSync(`${database}-wal`).size : 0).toBe(0);
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(database + suffix, { force: true });
});

test("a missing database file stops the server with one line saying what to do", async () => {
  const server = startServer({ PORT: "3192", DATABASE_URL: "file:./tests/.tmp/no-such-folder/none.db" });
  expect(await server.exited).toBe(1);
  const lines = server.output().trim().split("\n").filter((l) => !l.includes("npm warn"));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/none\.db does not exist\. Run `npm run db:setup`/);
});

test("a wrong setting stops the server naming the variable", async () => {
  const server = startServer({ PORT: "eighty" });
  expect(await server.exited).toBe(1);
  expect(server.output()).toContain('PORT: must be a whole number from 1 to 65535 (got "eighty")');
});
