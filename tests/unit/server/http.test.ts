/**
 * The HTTP layer on a real socket, around a stand-in Remix build whose one
 * route reports what the request scope says: the address rate limits count
 * against and the request id. Settings that the end-to-end server cannot
 * vary (TRUST_PROXY, the mode) are varied here.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { json, type ServerBuild } from "@remix-run/node";
import { afterEach, expect, test } from "vitest";
import Database from "better-sqlite3";
import { createHttpApp, type HttpOptions } from "~/server/http";
import { db } from "~/utils/db.server";
import { databaseFile } from "~/utils/env.server";
import { createLogger } from "~/utils/log.server";
import { clientIp, requestId } from "~/utils/request-scope.server";

const PUBLIC_URL = "http://localhost:3000";

const probe = () => json({ clientIp: clientIp(), requestId: requestId() });
let writes = 0;
const write = async () => json(await db.throttle.create({ data: { key: `http-test:${writes++}`, hits: 1, updatedAt: new Date() } }));
const build = {
  mode: "production",
  entry: { module: { default: () => new Response("page") } },
  routes: {
    root: { id: "root", path: "", module: {} },
    "routes/probe": { id: "routes/probe", parentId: "root", path: "probe", module: { loader: probe, action: probe } },
    "routes/write": { id: "routes/write", parentId: "root", path: "write", module: { loader: write } },
  },
  assets: { entry: { imports: [], module: "" }, routes: {}, url: "", version: "test" },
  publicPath: "/build/",
  assetsBuildDirectory: "public/build",
  future: {},
  isSpaMode: false,
} as unknown as ServerBuild;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
type LogLine = Record<string, unknown>;

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** Starts the app on a free port; returns a way to send raw requests and the log lines written so far. */
async function start(options: Partial<HttpOptions> = {}) {
  const log: LogLine[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      log.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  const app = createHttpApp({
    getBuild: () => build,
    mode: "production",
    publicUrl: PUBLIC_URL,
    maxBodyBytes: 1024 * 1024,
    projectRoot: process.cwd(),
    trustProxy: false,
    logger: createLogger("info", destination),
    ...options,
  });
  const server = app.listen(0, "127.0.0.1");
  servers.push(server);
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;

  function send(method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, method, path, headers: { Host: "localhost:3000", ...headers } }, (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      });
      request.on("error", reject);
      request.end(body);
    });
  }
  return { send, log };
}

const form = { "Content-Type": "application/x-www-form-urlencoded" };
const session = { Cookie: "hocso_session=abcdefghijklmnopqrstuvwxyz012345; lang=vi" };

test("TRACE and other methods the site does not use are a 405 with Allow and a small translated page", async () => {
  const { send, log } = await start();
  for (const method of ["TRACE", "PROPFIND", "PUT", "DELETE", "OPTIONS"]) {
    const reply = await send(method, "/probe");
    expect(reply.status, method).toBe(405);
    expect(reply.headers.allow).toBe("GET, HEAD, POST");
    expect(reply.body).toContain("Trang này không nhận kiểu yêu cầu này.");
  }
  expect((await send("TRACE", "/", { Cookie: "lang=en" })).body).toContain("This page does not take this kind of request.");
  expect(log.filter((line) => line.level === 50)).toEqual([]);
});

test("without TRUST_PROXY, X-Forwarded-For is ignored even from this machine", async () => {
  const { send } = await start();
  const reply = await send("GET", "/probe", { "X-Forwarded-For": "203.0.113.7" });
  expect(JSON.parse(reply.body)).toMatchObject({ clientIp: "127.0.0.1" });
});

test.each([
  [1, "203.0.113.7"],
  [["loopback"], "203.0.113.7"],
  [["127.0.0.1"], "203.0.113.7"],
  [["10.0.0.0/8"], "127.0.0.1"],
])("with TRUST_PROXY=%j, the client is %s", async (trustProxy, expected) => {
  const { send } = await start({ trustProxy });
  const reply = await send("GET", "/probe", { "X-Forwarded-For": "198.51.100.1, 203.0.113.7" });
  expect(JSON.parse(reply.body)).toMatchObject({ clientIp: expected });
});

test("every response carries a request id that the request scope knows too", async () => {
  const { send } = await start();
  const first = await send("GET", "/probe");
  const second = await send("GET", "/probe");
  expect(first.headers["x-request-id"]).toMatch(/^[0-9a-f]{12}$/);
  expect(first.headers["x-request-id"]).not.toBe(second.headers["x-request-id"]);
  expect(JSON.parse(first.body)).toMatchObject({ requestId: first.headers["x-request-id"] });
});

test("an incoming X-Request-Id is used only from a trusted proxy, and only when it is a plain token", async () => {
  const untrusted = await start();
  expect((await untrusted.send("GET", "/probe", { "X-Request-Id": "from-the-client" })).headers["x-request-id"]).not.toBe("from-the-client");

  const trusted = await start({ trustProxy: ["loopback"] });
  expect((await trusted.send("GET", "/probe", { "X-Request-Id": "edge-7f3a.1" })).headers["x-request-id"]).toBe("edge-7f3a.1");
  expect((await trusted.send("GET", "/probe", { "X-Request-Id": "<script>" })).headers["x-request-id"]).toMatch(/^[0-9a-f]{12}$/);

  // A proxy is trusted, but this peer is not it.
  const elsewhere = await start({ trustProxy: ["10.0.0.0/8"] });
  expect((await elsewhere.send("GET", "/probe", { "X-Request-Id": "edge-7f3a.1" })).headers["x-request-id"]).toMatch(/^[0-9a-f]{12}$/);
});

test("each request is one log line: method, path without query, status, duration and id, nothing personal", async () => {
  const { send, log } = await start();
  const reply = await send("GET", "/probe?token=secret-reset-token", { Cookie: "hocso_session=secret-cookie", "User-Agent": "secret-agent" });
  await expect.poll(() => log.length).toBe(1);
  expect(log[0]).toMatchObject({ msg: "request", method: "GET", path: "/probe", status: 200, requestId: reply.headers["x-request-id"] });
  expect(log[0]!.ms).toEqual(expect.any(Number));
  expect(JSON.stringify(log)).not.toMatch(/secret|127\.0\.0\.1/);
});

test("a refusal before Remix shows the request id on its page", async () => {
  const { send } = await start();
  const reply = await send("GET", "/%E0%A4%A");
  expect(reply.status).toBe(400);
  expect(reply.body).toContain(`Mã lỗi: ${reply.headers["x-request-id"]}`);
  const english = await send("GET", "/%E0%A4%A", { Cookie: "lang=en" });
  expect(english.body).toContain(`Error reference: ${english.headers["x-request-id"]}`);
});

test("an error outside Remix is a 500 page with the id, and the log has the error with the same id", async () => {
  const { send, log } = await start({
    getBuild: () => {
      throw new Error("the build is missing");
    },
  });
  const reply = await send("GET", "/probe");
  expect(reply.status).toBe(500);
  const id = reply.headers["x-request-id"];
  expect(reply.body).toContain(`Mã lỗi: ${id}`);
  expect(reply.body).not.toContain("the build is missing");
  await expect.poll(() => log.length).toBe(2);
  expect(log.find((line) => line.level === 50)).toMatchObject({ requestId: id, err: { message: "the build is missing" } });
});

test.each([
  ["a form without session cookie or Origin (not a browser page)", 200, {}],
  ["a session cookie and the site's Origin", 200, { ...session, Origin: PUBLIC_URL }],
  ["a session cookie, no Origin, a Referer on the site", 200, { ...session, Referer: `${PUBLIC_URL}/courses/x` }],
  ["a session cookie and neither Origin nor Referer", 403, session],
  ["a session cookie, no Origin, a Referer elsewhere", 403, { ...session, Referer: "https://evil.example/" }],
  ["a session cookie, no Origin, a look-alike Referer", 403, { ...session, Referer: "http://localhost:3000.evil.example/" }],
  ["a session cookie, no Origin, a Referer that is not an address", 403, { ...session, Referer: "not a url" }],
  ["the site's host with another scheme", 403, { Origin: "https://localhost:3000" }],
  ["another site's Origin", 403, { Origin: "https://evil.example" }],
  ["Origin null", 403, { Origin: "null" }],
  ["Sec-Fetch-Site cross-site", 403, { "Sec-Fetch-Site": "cross-site" }],
  ["the Host's own origin in production", 403, { Host: "10.0.0.5:3000", Origin: "http://10.0.0.5:3000" }],
])("a POST with %s is answered %i", async (_, status, headers: Record<string, string>) => {
  const { send } = await start();
  const reply = await send("POST", "/probe", { ...form, ...headers }, "a=1");
  expect(reply.status).toBe(status);
  if (status === 403) expect(reply.body).toContain("Yêu cầu này không đến từ trang Học Số");
});

test("in development, a page opened at another address of this machine may post to itself", async () => {
  const { send } = await start({ mode: "development" });
  const own = { ...form, Host: "192.168.1.5:3000", Origin: "http://192.168.1.5:3000" };
  expect((await send("POST", "/probe", own, "a=1")).status).toBe(200);
  expect((await send("POST", "/probe", { ...own, Origin: "https://192.168.1.5:3000" }, "a=1")).status).toBe(403);
});

test("GET and HEAD are never refused for their origin", async () => {
  const { send } = await start();
  expect((await send("GET", "/probe", { ...session, Origin: "https://evil.example" })).status).toBe(200);
  expect((await send("HEAD", "/probe", session)).status).toBe(200);
});

test("while another process holds the database's write lock, a request that writes gets 503 with Retry-After, and others are served meanwhile", async () => {
  const { send } = await start();
  expect((await send("GET", "/write?_data=routes%2Fwrite")).status).toBe(200);
  const holder = new Database(databaseFile(), { timeout: 0 });
  holder.exec("BEGIN IMMEDIATE");
  try {
    const waiting = send("GET", "/write?_data=routes%2Fwrite");
    const started = performance.now();
    expect((await send("GET", "/probe")).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(1000);
    const refused = await waiting;
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("3");
    expect(JSON.parse(refused.body)).toMatchObject({ unavailable: true });
  } finally {
    holder.exec("ROLLBACK");
    holder.close();
  }
  expect((await send("GET", "/write?_data=routes%2Fwrite")).status).toBe(200);
});
