/**
 * The whole site on a real socket, for tests that must see what a browser
 * or a script would: the HTTP layer (app/server/http.ts) around a Remix
 * server build assembled in this process from app/. The route tree is the
 * one `remix build` makes (its flat-routes convention over remix.config.js's
 * ignored files); route modules, root and entry.server are the real ones, so
 * loaders, actions, error boundaries and the server render all run. Only the
 * browser bundles are named without existing: a server render lists their
 * addresses and nothing loads them.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
// Exported as UNSAFE_flatRoutes by "@remix-run/dev" too, whose index loads the
// whole CLI and the Vite plugin (a second, and a deprecation warning) for it.
import { flatRoutes } from "@remix-run/dev/dist/config/flat-routes.js";
import type { ServerBuild } from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import remixConfig from "../../remix.config.js";
import { createHttpApp } from "~/server/http";
import { startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env, projectRoot } from "~/utils/env.server";
import { createLogger } from "~/utils/log.server";
import { loadCourses } from "~/models/course.server";
import { ensureIssuerKey } from "~/models/issuer.server";
import { serverKey } from "~/models/server-key.server";
import { cookieFrom, seedReferenceData } from "./accounts";

const appDirectory = path.join(projectRoot, "app");

/** Every route of the app by id ("routes/admin.users.$userId"), with its file, parent and path. */
export function appRoutes() {
  return flatRoutes(appDirectory, remixConfig.ignoredRouteFiles);
}

type RouteObject = Parameters<typeof matchRoutes>[0][number];

/** The ids of the routes Remix matches for an address, root first, after a browser's reading of it ("%2e%2e" is ".."). */
export function routesMatching(address: string): string[] {
  const routes = Object.values(appRoutes());
  const children = (parentId: string): RouteObject[] =>
    routes
      .filter((r) => r.parentId === parentId)
      .map((r) => {
        const below = children(r.id);
        return r.index ? { id: r.id, index: true } : { id: r.id, path: r.path, caseSensitive: r.caseSensitive, ...(below.length ? { children: below } : {}) };
      });
  const { pathname } = new URL(address, "http://localhost");
  return matchRoutes([{ id: "root", path: "", children: children("root") }], pathname)?.map((m) => m.route.id) ?? [];
}

type RouteModule = Record<string, unknown>;

async function assembleBuild(): Promise<ServerBuild> {
  const routes = Object.values(appRoutes());
  const modules = new Map<string, RouteModule>(
    await Promise.all(routes.map(async (r) => [r.id, (await import(path.join(appDirectory, r.file))) as RouteModule] as const)),
  );
  const root = (await import("~/root")) as RouteModule;
  const entry = await import("~/entry.server");
  const route = (id: string, parentId: string | undefined, shape: { path?: string; index?: boolean; caseSensitive?: boolean }, module: RouteModule) => ({
    server: { id, parentId, ...shape, module },
    browser: {
      id,
      parentId,
      ...shape,
      module: `/build/${id}.js`,
      imports: [],
      hasAction: "action" in module,
      hasLoader: "loader" in module,
      hasClientAction: false,
      hasClientLoader: false,
      hasErrorBoundary: "ErrorBoundary" in module,
    },
  });
  const all = [
    route("root", undefined, { path: "" }, root),
    ...routes.map((r) => route(r.id, r.parentId, { path: r.path, index: r.index, caseSensitive: r.caseSensitive }, modules.get(r.id)!)),
  ];
  return {
    mode: "production",
    entry: { module: entry },
    routes: Object.fromEntries(all.map((r) => [r.server.id, r.server])),
    assets: {
      entry: { imports: [], module: "/build/entry.client.js" },
      routes: Object.fromEntries(all.map((r) => [r.browser.id, r.browser])),
      url: "/build/manifest-test.js",
      version: "test",
    },
    publicPath: "/build/",
    assetsBuildDirectory: "public/build",
    future: { v3_fetcherPersist: false, v3_relativeSplatPath: false, v3_lazyRouteDiscovery: false, v3_singleFetch: false, ...remixConfig.future },
    isSpaMode: false,
  } as unknown as ServerBuild;
}

export type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };

export type SendOptions = {
  /** Sent as is: percent-encoding is the caller's, so malformed addresses reach the server. */
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** The session cookie of whoever sends it, or none. */
  cookie?: string;
};

/**
 * Starts the site on a free port of this machine. `send` makes one request
 * the way a browser on the site would: the site's Host, and its Origin on
 * every POST (the HTTP layer refuses cross-site posts before any route).
 */
/**
 * What start-up does before the first request (entry.server.tsx): reference
 * data, the courses, the device-cookie key and the certificate signing key.
 * Made before the site is swept, so no request is the first to write them.
 */
export async function prepareAsStartupDoes() {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
  await serverKey("device-cookie");
  await ensureIssuerKey();
}

export async function startSite() {
  const settings = env();
  const app = createHttpApp({
    getBuild: await assembleBuild().then((build) => () => build),
    mode: "production",
    publicUrl: settings.PUBLIC_URL,
    maxBodyBytes: settings.MAX_BODY_BYTES,
    projectRoot,
    trustProxy: false,
    logger: createLogger("silent"),
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const { port } = server.address() as AddressInfo;
  const site = new URL(settings.PUBLIC_URL);
  // One connection per request: a refusal before Remix may close the socket.
  const agent = new http.Agent({ keepAlive: false });

  function send({ path: target, method = "GET", headers = {}, body, cookie }: SendOptions): Promise<Reply> {
    const sent: Record<string, string> = { Host: site.host, ...(cookie ? { Cookie: cookie } : {}) };
    if (method === "POST") sent.Origin = site.origin;
    return new Promise((resolve, reject) => {
      const request = http.request({ host: "127.0.0.1", port, method, path: target, agent, headers: { ...sent, ...headers } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", reject);
      });
      request.on("error", reject);
      request.end(body);
    });
  }

  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { send, close };
}

export type Site = Awaited<ReturnType<typeof startSite>>;

/** A session cookie for the user, as the browser would send it back. */
export async function sessionCookie(userId: string): Promise<string> {
  return cookieFrom(await startSession(userId, new Request(env().PUBLIC_URL)));
}

/**
 * A fingerprint of every row of every table, from sqlite_master so a new
 * table is covered without a change here: equal fingerprints mean nothing
 * was written (inserted, updated or deleted).
 */
export async function databaseFingerprint(): Promise<Map<string, string>> {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const prints = new Map<string, string>();
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "${name.replaceAll('"', '""')}"`);
    const lines = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value)));
    prints.set(name, lines.sort().join("\n"));
  }
  return prints;
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

async function dataVersion(): Promise<string> {
  const [row] = await db.$queryRawUnsafe<{ data_version: bigint }[]>("PRAGMA data_version");
  return String(row?.data_version);
}

/**
 * Says which tables were written since it last looked. SQLite's
 * data_version, read on the app's reader connection (which never writes),
 * changes with every commit made on another connection; only then are the
 * tables compared row by row, which is what costs.
 */
export async function watchWrites() {
  let version = await dataVersion();
  let print = await databaseFingerprint();
  return async function writtenSinceLastLook(): Promise<string[]> {
    const now = await dataVersion();
    if (now === version) return [];
    version = now;
    const next = await databaseFingerprint();
    const changed = changedTables(print, next);
    print = next;
    return changed;
  };
}
