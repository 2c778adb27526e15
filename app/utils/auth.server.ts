/**
 * Who is signed in. The only module that imports Lucia (deprecated upstream
 * in 2025), so it can be replaced without touching a route or a model.
 *
 * - The cookie carries a random token; the database keeps only its SHA-256
 *   as the session id, so a leaked copy of the database signs nobody in.
 * - A session slides: it ends after 14 days without a visit, and in any case
 *   30 days after sign-in (ASVS 3.3). The cookie lives those 30 days, so a
 *   page load never has to send a new one.
 * - Cookies are HttpOnly, SameSite=Lax, and Secure with the __Host- prefix
 *   when the site is served over HTTPS.
 * - A sign-in also leaves a device cookie: signed proof that this browser
 *   once knew the account's password, which spares it the account's lockout
 *   (OWASP's "device cookies"; docs/decisions/0007).
 */
import crypto from "node:crypto";
import { createCookie, redirect } from "@remix-run/node";
import { Lucia, TimeSpan, type Adapter, type DatabaseSession, type DatabaseUser } from "lucia";
import { z } from "zod";
import { serverKey } from "~/models/server-key.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { forgetForRequest, memoForRequest } from "~/utils/request-scope.server";
import { learnerGroups, roles, type LearnerGroup, type Role } from "~/utils/schemas/account";

const IDLE_TIMEOUT = new TimeSpan(14, "d");
const ABSOLUTE_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** What a page may know about the signed-in user without another query. */
export type SessionUser = {
  id: string;
  fullName: string;
  role: Role;
  learnerGroup: LearnerGroup;
  email: string | null;
  phone: string | null;
  unitId: string | null;
  managedUnitId: string | null;
};

const userColumns = {
  id: true,
  fullName: true,
  role: true,
  learnerGroup: true,
  email: true,
  phone: true,
  unitId: true,
  managedUnitId: true,
  disabledAt: true,
} as const;

type SessionAttributes = { createdAt: Date };

/** Lucia's seven storage operations over our Prisma client. */
const adapter: Adapter = {
  async getSessionAndUser(sessionId) {
    const row = await db.session.findUnique({
      where: { id: sessionId },
      select: { id: true, userId: true, expiresAt: true, createdAt: true, user: { select: userColumns } },
    });
    if (!row) return [null, null];
    const session: DatabaseSession = { id: row.id, userId: row.userId, expiresAt: row.expiresAt, attributes: { createdAt: row.createdAt } };
    // A disabled account has no user: Lucia then deletes the session.
    if (row.user.disabledAt) return [session, null];
    const { disabledAt: _disabled, role, learnerGroup, ...rest } = row.user;
    // The columns are plain text in SQLite; anything unexpected gets the least power.
    const attributes = {
      ...rest,
      role: roles.find((r) => r === role) ?? "learner",
      learnerGroup: learnerGroups.find((g) => g === learnerGroup) ?? "resident",
    };
    const user: DatabaseUser = { id: row.user.id, attributes };
    return [session, user];
  },
  async getUserSessions(userId) {
    const rows = await db.session.findMany({ where: { userId } });
    return rows.map((r) => ({ id: r.id, userId: r.userId, expiresAt: r.expiresAt, attributes: { createdAt: r.createdAt } }));
  },
  async setSession(session) {
    const attributes = session.attributes as Partial<SessionAttributes> & { userAgent?: string };
    await db.session.create({
      data: { id: session.id, userId: session.userId, expiresAt: session.expiresAt, userAgent: attributes.userAgent ?? null },
    });
  },
  async updateSessionExpiration(sessionId, expiresAt) {
    await db.session.updateMany({ where: { id: sessionId }, data: { expiresAt } });
  },
  async deleteSession(sessionId) {
    await db.session.deleteMany({ where: { id: sessionId } });
  },
  async deleteUserSessions(userId) {
    await db.session.deleteMany({ where: { userId } });
  },
  async deleteExpiredSessions() {
    await db.session.deleteMany({ where: { expiresAt: { lte: new Date() } } });
  },
};

/** Over HTTPS cookies are Secure, and their __Host- prefix makes the browser refuse them unless Secure, Path=/ and no Domain. */
function cookieSecurity() {
  const secure = env().PUBLIC_URL.startsWith("https://");
  return { secure, name: (base: string) => (secure ? `__Host-${base}` : base) };
}

function createLucia() {
  const { secure, name } = cookieSecurity();
  return new Lucia(adapter, {
    sessionExpiresIn: IDLE_TIMEOUT,
    sessionCookie: {
      name: name("hocso_session"),
      attributes: { secure, sameSite: "lax" },
    },
    getSessionAttributes: (attributes) => ({ createdAt: attributes.createdAt }),
    getUserAttributes: (attributes) => attributes,
  });
}

let instance: ReturnType<typeof createLucia> | undefined;
const lucia = () => (instance ??= createLucia());

declare module "lucia" {
  interface Register {
    Lucia: ReturnType<typeof createLucia>;
    DatabaseSessionAttributes: SessionAttributes & { userAgent?: string };
    DatabaseUserAttributes: Omit<SessionUser, "id">;
  }
}

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/** The cookie's token, or null. */
function readToken(request: Request): string | null {
  // Only our cookie is read. Lucia's reader decodes every cookie in the
  // header and throws on one it cannot (another site's on the same domain,
  // "x=%FF"), which made every page a 500 for that browser.
  const name = `${lucia().sessionCookieName}=`;
  const pair = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(name));
  const token = pair?.slice(name.length);
  // Tokens are 32 base64url characters, never percent-encoded; anything else is not ours.
  return token && /^[A-Za-z0-9_-]{32,64}$/.test(token) ? token : null;
}

export type CurrentSession = { user: SessionUser; sessionId: string; createdAt: Date };

/** The signed-in user and session, or null. Looked up once per request. */
export function getSession(request: Request): Promise<CurrentSession | null> {
  const token = readToken(request);
  if (!token) return Promise.resolve(null);
  return memoForRequest(`session:${token}`, async () => {
    const sessionId = hashToken(token);
    const { session, user } = await lucia().validateSession(sessionId);
    if (!session) return null;
    if (Date.now() - session.createdAt.getTime() > ABSOLUTE_LIFETIME_MS) {
      await lucia().invalidateSession(sessionId);
      return null;
    }
    const { id, fullName, role, learnerGroup, email, phone, unitId, managedUnitId } = user;
    return { user: { id, fullName, role, learnerGroup, email, phone, unitId, managedUnitId }, sessionId, createdAt: session.createdAt };
  });
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in user, or a redirect to sign in that comes back here afterwards. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (user) return user;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`/sign-in?${new URLSearchParams({ redirectTo: back })}`);
}

/** The signed-in user if their role is one of `roles`; otherwise 403 (or sign in first). */
export async function requireRole(request: Request, roles: readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/**
 * Signs a user in on this device: a new session with a new token every time
 * (no session fixation). Returns the Set-Cookie header.
 */
export async function startSession(userId: string, request: Request): Promise<string> {
  const token = crypto.randomBytes(24).toString("base64url");
  await lucia().createSession(
    userId,
    { createdAt: new Date(), userAgent: request.headers.get("User-Agent")?.slice(0, 200) },
    { sessionId: hashToken(token) },
  );
  forgetCurrent(request);
  const cookie = lucia().createSessionCookie(token);
  // The cookie outlives idle periods; the server decides when the session ends.
  cookie.attributes.expires = undefined;
  cookie.attributes.maxAge = ABSOLUTE_LIFETIME_MS / 1000;
  return cookie.serialize();
}

/**
 * Signs a user in on this device: a new session, and a new device cookie
 * that spares this browser the account's lockout next time.
 */
export async function signInHeaders(userId: string, request: Request): Promise<Headers> {
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(userId, request));
  headers.append("Set-Cookie", await deviceCookieFor(userId));
  return headers;
}

/** Signs this device out. Returns the Set-Cookie header that clears the cookie. */
export async function endSession(request: Request): Promise<string> {
  const token = readToken(request);
  if (token) await lucia().invalidateSession(hashToken(token));
  forgetCurrent(request);
  return lucia().createBlankSessionCookie().serialize();
}

/** Ends every session of a user: "sign out everywhere", a password change, a disabled account. */
export async function endAllSessions(userId: string) {
  await lucia().invalidateUserSessions(userId);
}

/** The user's signed-in devices, newest first, for the account page. */
export async function listSessions(userId: string) {
  return db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    select: { id: true, createdAt: true, expiresAt: true, userAgent: true },
    orderBy: { createdAt: "desc" },
  });
}

/** Removes expired sessions; run at start-up so the table does not grow forever. */
export async function deleteExpiredSessions() {
  await lucia().deleteExpiredSessions();
}

function forgetCurrent(request: Request) {
  const token = readToken(request);
  if (token) forgetForRequest(`session:${token}`);
}

/**
 * What a device cookie says: this browser proved it knew the account's
 * password (or held a reset link) once. The account's id and a random nonce
 * that names this cookie in its own sign-in limit; nothing personal.
 */
export type DeviceClaim = { userId: string; nonce: string };

const DeviceClaimSchema = z.object({
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
});

// A year: a learner who comes back each term keeps the exemption.
const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

/** The device cookie's name, attributes and signing key (read from the database once per process). */
async function deviceCookie() {
  const { secure, name } = cookieSecurity();
  // Remix signs the value with HMAC-SHA256 and checks it in constant time.
  return createCookie(name("hocso_device"), {
    secrets: [await serverKey("device-cookie")],
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
}

/** The claim of this request's device cookie, or null when there is none or it is not one we signed. */
export async function readDeviceCookie(request: Request): Promise<DeviceClaim | null> {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  const value: unknown = await (await deviceCookie()).parse(header);
  const claim = DeviceClaimSchema.safeParse(value);
  return claim.success ? claim.data : null;
}

/** A new device cookie for the account, with a new nonce. Returns the Set-Cookie header. */
export async function deviceCookieFor(userId: string): Promise<string> {
  return (await deviceCookie()).serialize({ userId, nonce: crypto.randomBytes(16).toString("base64url") } satisfies DeviceClaim);
}

/** The Set-Cookie header that removes this browser's device cookie if it names the account (being deleted), else null. */
export async function forgetDevice(request: Request, userId: string): Promise<string | null> {
  if ((await readDeviceCookie(request))?.userId !== userId) return null;
  return (await deviceCookie()).serialize("", { maxAge: 0 });
}
