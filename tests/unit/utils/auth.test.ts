import { beforeEach, expect, test } from "vitest";
import { createUser, signedInRequest, cookieFrom } from "../../setup/accounts";
import { setPassword } from "~/models/user.server";
import {
  deviceCookieFor,
  endAllSessions,
  endSession,
  getSession,
  getUser,
  hashToken,
  readDeviceCookie,
  requireRole,
  requireUser,
  startSession,
} from "~/utils/auth.server";
import { countQueries, db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";

let userId: string;
beforeEach(async () => {
  userId = (await createUser()).id;
});

const day = 24 * 60 * 60 * 1000;

test("the cookie carries a token; the database keeps only its SHA-256", async () => {
  const { request, setCookie } = await signedInRequest(userId);
  const token = cookieFrom(setCookie).split("=")[1] ?? "";
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  expect(setCookie).toMatch(/Max-Age=2592000/);
  const sessions = await db.session.findMany({ where: { userId } });
  expect(sessions.map((s) => s.id)).toEqual([hashToken(token)]);
  expect(sessions[0]?.id).not.toContain(token);
  expect((await getUser(request))?.id).toBe(userId);
});

test("every sign-in makes a new session with a new token; signing out ends only that one", async () => {
  const first = await signedInRequest(userId);
  const second = await signedInRequest(userId);
  expect(cookieFrom(first.setCookie)).not.toBe(cookieFrom(second.setCookie));
  expect(await db.session.count({ where: { userId } })).toBe(2);

  const cleared = await endSession(first.request);
  expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
  expect(await getUser(first.request)).toBeNull();
  expect((await getUser(second.request))?.id).toBe(userId);
});

test("a session slides: used in its second week it is extended, idle for 14 days it ends", async () => {
  const { request } = await signedInRequest(userId);
  const [session] = await db.session.findMany({ where: { userId } });
  // Ten days later: four days left, less than half of 14, so it is extended.
  await db.session.update({ where: { id: session!.id }, data: { expiresAt: new Date(Date.now() + 4 * day) } });
  expect(await getUser(request)).not.toBeNull();
  const extended = await db.session.findUniqueOrThrow({ where: { id: session!.id } });
  expect(extended.expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * day);

  await db.session.update({ where: { id: session!.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await getUser(request)).toBeNull();
  expect(await db.session.count({ where: { id: session!.id } })).toBe(0);
});

test("a session ends 30 days after sign-in even when used every day", async () => {
  const { request } = await signedInRequest(userId);
  await db.session.updateMany({ where: { userId }, data: { createdAt: new Date(Date.now() - 31 * day) } });
  expect(await getUser(request)).toBeNull();
});

test("a password change ends every session", async () => {
  const a = await signedInRequest(userId);
  const b = await signedInRequest(userId);
  await setPassword({ userId, passwordHash: "x", actorId: userId, action: "password.changed" });
  expect(await getUser(a.request)).toBeNull();
  expect(await getUser(b.request)).toBeNull();
});

test("a disabled account is signed out at its next request", async () => {
  const { request } = await signedInRequest(userId);
  await db.user.update({ where: { id: userId }, data: { disabledAt: new Date() } });
  expect(await getUser(request)).toBeNull();
  expect(await db.session.count({ where: { userId } })).toBe(0);
});

test("sign out everywhere ends all of a user's sessions and no one else's", async () => {
  const other = await createUser();
  const mine = await signedInRequest(userId);
  const theirs = await signedInRequest(other.id);
  await endAllSessions(userId);
  expect(await getUser(mine.request)).toBeNull();
  expect((await getUser(theirs.request))?.id).toBe(other.id);
});

test("a forged or malformed cookie is nobody", async () => {
  expect(await getUser(new Request("http://localhost/", { headers: { Cookie: "hocso_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" } }))).toBeNull();
  expect(await getUser(new Request("http://localhost/", { headers: { Cookie: "hocso_session=<script>" } }))).toBeNull();
  expect(await getUser(new Request("http://localhost/", { headers: { Cookie: "hocso_session=%FF%FE" } }))).toBeNull();
});

test("a cookie that cannot be decoded, ours or another site's on the same domain, neither breaks the page nor signs anyone out", async () => {
  const { request } = await signedInRequest(userId);
  const session = request.headers.get("Cookie")!;
  for (const broken of ["lang=%FF%FE", "_ga=%E0%A4%A", "x=%"]) {
    const withBroken = (cookie: string) => new Request("http://localhost/", { headers: { Cookie: cookie } });
    expect(await getUser(withBroken(broken)), broken).toBeNull();
    expect((await getUser(withBroken(`${broken}; ${session}`)))?.id, broken).toBe(userId);
    expect((await getUser(withBroken(`${session}; ${broken}`)))?.id, broken).toBe(userId);
  }
});

test("requireUser redirects to sign-in and back; requireRole answers 403 to the wrong role", async () => {
  const anonymous = new Request("http://localhost/admin/users?q=an");
  const redirect = await requireUser(anonymous).catch((r: unknown) => r as Response);
  expect(redirect).toBeInstanceOf(Response);
  expect((redirect as Response).headers.get("Location")).toBe("/sign-in?redirectTo=%2Fadmin%2Fusers%3Fq%3Dan");

  const { request } = await signedInRequest(userId, "http://localhost/admin/users");
  const forbidden = await requireRole(request, ["admin"]).catch((r: unknown) => r as Response);
  expect((forbidden as Response).status).toBe(403);
});

// Prisma reads the session and its user as two primary-key lookups; the
// memo makes them the whole cost of auth for a page, however many loaders ask.
test("a signed-in page spends two queries on auth, however many loaders ask", async () => {
  const { request } = await signedInRequest(userId);
  const { queries } = await runInRequestScope("127.0.0.1", () =>
    countQueries(async () => {
      await Promise.all([getUser(request), getUser(request), getSession(request)]);
    }),
  );
  expect(queries).toBe(2);
});

test("a session cookie set by startSession works with the next request", async () => {
  const setCookie = await startSession(userId, new Request("http://localhost/", { headers: { "User-Agent": "Test phone" } }));
  const request = new Request("http://localhost/", { headers: { Cookie: cookieFrom(setCookie) } });
  expect((await getSession(request))?.user.fullName).toBe("Nguyễn Văn Thử");
  expect((await db.session.findFirst({ where: { userId } }))?.userAgent).toBe("Test phone");
});

test("a device cookie names the account and a nonce, lives a year, and only a genuine one is read", async () => {
  const setCookie = await deviceCookieFor(userId);
  expect(setCookie).toMatch(/^hocso_device=/);
  expect(setCookie).toMatch(/HttpOnly/);
  expect(setCookie).toMatch(/SameSite=Lax/);
  expect(setCookie).toMatch(/Max-Age=31536000/);
  const withCookie = (cookie: string) => new Request("http://localhost/sign-in", { headers: { Cookie: cookie } });
  const claim = await readDeviceCookie(withCookie(cookieFrom(setCookie)));
  expect(claim).toEqual({ userId, nonce: expect.stringMatching(/^[\w-]{22}$/) as string });
  // Nothing personal in it: no name, email or phone.
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  expect(Buffer.from(decodeURIComponent(cookieFrom(setCookie).split("=")[1]!), "base64").toString()).not.toContain(user.email!);

  // Each sign-in gets its own nonce, so each device has its own limit.
  expect((await readDeviceCookie(withCookie(cookieFrom(await deviceCookieFor(userId)))))?.nonce).not.toBe(claim?.nonce);
  const value = decodeURIComponent(cookieFrom(setCookie).split("=")[1]!);
  const flipped = `${value.slice(0, 5)}${value[5] === "A" ? "B" : "A"}${value.slice(6)}`;
  expect(await readDeviceCookie(withCookie(`hocso_device=${encodeURIComponent(flipped)}`))).toBeNull();
  expect(await readDeviceCookie(withCookie("hocso_device=e30"))).toBeNull();
  expect(await readDeviceCookie(withCookie("other=1"))).toBeNull();
});
