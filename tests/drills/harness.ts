/**
 * What the durability drills share: a production server of their own on a
 * scratch database, and learners who sign up and take a quiz over HTTP, as
 * a browser would, each from its own address behind a trusted proxy (so the
 * per-address sign-up limit, which would otherwise see one address, counts
 * them apart).
 *
 * Drills are scripts, not tests in `npm test`: they kill servers and fill
 * disks, and they print what they measured.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { projectRoot } from "~/utils/env.server";

export const COURSE = "dich-vu-cong-truc-tuyen";
export const LESSON = "nhan-ho-tro-dich-vu-cong";
export const QUIZ = "kiem-tra-cuoi-khoa";

export function scratchDir(name: string) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `hocso-drill-${name}-`));
}

// A drill that fails half-way must not leave a server running on its port.
const started = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of started) if (child.exitCode === null) child.kill("SIGKILL");
});

export type Server = { url: string; process: ChildProcess; output: () => string };

/** `npm start` (build if stale, migrate, seed, serve) on the given database, resolved once /healthz answers 200. */
export async function startServer({ databaseFile, port, env = {} }: { databaseFile: string; port: number; env?: Record<string, string> }): Promise<Server> {
  const url = `http://localhost:${port}`;
  if ((await fetch(`${url}/healthz`).then((r) => r.status).catch(() => 0)) !== 0) {
    throw new Error(`Something already answers on port ${port} (a server left from an earlier run?): stop it, or pass --port.`);
  }
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "app/cli/start.ts"], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), PUBLIC_URL: url, DATABASE_URL: `file:${databaseFile}`, TRUST_PROXY: "loopback", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.add(child);
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}):\n${output}`);
    if ((await fetch(`${url}/healthz`).then((r) => r.status).catch(() => 0)) === 200) return { url, process: child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill("SIGKILL");
  throw new Error(`The server did not answer /healthz within 240 s:\n${output}`);
}

export async function stopServer(server: Server) {
  if (server.process.exitCode !== null) return;
  const exited = new Promise((resolve) => server.process.once("exit", resolve));
  server.process.kill("SIGTERM");
  await exited;
}

let addressCounter = 0;

/** One learner's browser: a cookie jar, an address of its own. */
export class Learner {
  readonly address = `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter++ & 255}`;
  cookies = new Map<string, string>();
  constructor(readonly url: string) {}

  async request(pathname: string, init: { method?: string; form?: Record<string, string> | URLSearchParams } = {}) {
    const headers: Record<string, string> = { "X-Forwarded-For": this.address, Origin: this.url };
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    let body: string | undefined;
    if (init.form) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(this.url + pathname, { method: init.method ?? (body ? "POST" : "GET"), headers, body, redirect: "manual", signal: AbortSignal.timeout(15_000) });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ""] = cookie.split(";");
      const eq = pair.indexOf("=");
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return response;
  }

  /** Signs up; true when the server acknowledged it (redirect with a session). */
  async signUp(email: string) {
    const response = await this.request("/sign-up", {
      form: { identifier: email, fullName: "Nguyễn Thị Diễn Tập", password: "mat-khau-dien-tap-2026", learnerGroup: "resident", provinceCode: "01", consentLearningRecords: "on" },
    });
    await response.arrayBuffer();
    return response.status === 302 || response.status === 303;
  }

  /** Starts the final quiz and answers every question; the attempt id when the server acknowledged the submission. */
  async takeQuiz(): Promise<{ sent: boolean; acknowledged: string | null }> {
    const lesson = `/courses/${COURSE}/${LESSON}`;
    const start = await this.request(lesson, { form: { intent: "start", quizId: QUIZ } });
    await start.arrayBuffer();
    if (start.status !== 303 && start.status !== 302) return { sent: false, acknowledged: null };
    const page = await (await this.request(lesson)).text();
    const attemptId = /name="attemptId" value="([^"]+)"/.exec(page)?.[1];
    if (!attemptId) return { sent: false, acknowledged: null };
    const form = new URLSearchParams({ intent: "submit", quizId: QUIZ, attemptId });
    const answered = new Set<string>();
    for (const match of page.matchAll(/<input[^>]*name="(q\.[^"]+)"[^>]*>/g)) {
      const name = match[1]!;
      if (answered.has(name)) continue;
      answered.add(name);
      form.set(name, /value="([^"]+)"/.exec(match[0])?.[1] ?? "1");
    }
    const submit = await this.request(lesson, { form });
    await submit.arrayBuffer();
    return { sent: true, acknowledged: submit.status === 303 || submit.status === 302 ? attemptId : null };
  }
}

export function line(label: string, value: string | number) {
  console.log(`${label.padEnd(44)} ${value}`);
}
