/**
 * The admin's certificate pages, called the way Remix calls them: with a
 * signed-in user's cookie and a real form body.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { cookieFrom, createUser, seedReferenceData, signedInRequest, TEST_PASSWORD } from "../../setup/accounts";
import { listMyCertificates } from "~/models/certificate.server";
import { getCourse, loadCourses } from "~/models/course.server";
import { enroll, recordQuizPassed, recordView } from "~/models/progress.server";
import { deleteAccount } from "~/models/user.server";
import { action as detailAction, loader as detailLoader } from "~/routes/admin.certificates.$publicId";
import { loader as listLoader } from "~/routes/admin.certificates._index";
import { formatShortCode } from "~/utils/certificate-code";
import { db } from "~/utils/db.server";

const course = "thanh-toan-truc-tuyen"; // lessons "viewed", and a final quiz

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

/** Views every lesson and passes the final quiz (the attempt written straight to the database): the certificate is issued as in production. */
async function certifiedLearner(fullName = "Trần Thị Chứng") {
  const { id } = await createUser({ fullName });
  await enroll({ userId: id, courseSlug: course });
  const lessons = getCourse(course)!.lessons;
  for (const lesson of lessons) await recordView({ userId: id, courseSlug: course, lessonSlug: lesson.slug });
  const lesson = lessons.find((l) => l.quizzes.some((q) => q.settings.final))!;
  const quiz = lesson.quizzes.find((q) => q.settings.final)!;
  await db.quizAttempt.create({
    data: { userId: id, courseSlug: course, lessonSlug: lesson.slug, quizId: quiz.id, quizVersion: quiz.version, questions: "[]", submittedAt: new Date(), outcome: "submitted", score: 90, passed: true },
  });
  await recordQuizPassed({ userId: id, courseSlug: course, lessonSlug: lesson.slug, final: true });
  const [mine] = await listMyCertificates({ userId: id });
  return { userId: id, snapshot: mine!.snapshot };
}

async function cookieOf(role?: "manager" | "admin") {
  const { id } = await createUser({ role });
  const { setCookie } = await signedInRequest(id);
  return { id, cookie: cookieFrom(setCookie) };
}

type Loader = (args: LoaderFunctionArgs) => Promise<unknown>;

/** What the loader returned, or the Response it threw (a redirect, a 403, a 404). */
function load(loader: Loader, url: string, cookie: string | null, params: Record<string, string> = {}) {
  const request = new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} });
  return loader({ request, params, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown);
}

/** POSTs a form to the detail page; always a Response (returned or thrown). */
async function post(publicId: string, fields: Record<string, string>, cookie: string | null) {
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) };
  const request = new Request(`http://localhost/admin/certificates/${publicId}`, { method: "POST", body: new URLSearchParams(fields), headers });
  return (await detailAction({ request, params: { publicId }, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
}

const row = (publicId: string) => db.certificate.findUniqueOrThrow({ where: { publicId }, select: { revokedAt: true, revokedReason: true, replacedAt: true, replacedById: true } });
const certificateEvents = () => db.auditEvent.count({ where: { action: { in: ["certificate.revoked", "certificate.reissued"] } } });

describe("who may", () => {
  test("learners and managers get 403 on both pages and both actions, and nothing changes; visitors are sent to sign in", async () => {
    const { snapshot } = await certifiedLearner();
    const { publicId } = snapshot;
    const before = await row(publicId);
    const events = await certificateEvents();
    for (const role of [undefined, "manager"] as const) {
      const { cookie } = await cookieOf(role);
      expect(((await load(listLoader, "/admin/certificates", cookie)) as Response).status).toBe(403);
      expect(((await load(detailLoader, `/admin/certificates/${publicId}`, cookie, { publicId })) as Response).status).toBe(403);
      expect((await post(publicId, { intent: "revoke", reason: "Không được phép", confirm: "on" }, cookie)).status).toBe(403);
      expect((await post(publicId, { intent: "reissue", confirm: "on" }, cookie)).status).toBe(403);
    }
    const anonymous = (await load(listLoader, "/admin/certificates", null)) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/sign-in\?redirectTo=/);
    expect((await post(publicId, { intent: "revoke", reason: "Không được phép", confirm: "on" }, null)).status).toBe(302);
    expect(await row(publicId)).toEqual(before);
    expect(await certificateEvents()).toBe(events);
  });
});

describe("the list", () => {
  test("finds a certificate by serial, by short code however typed, and by public id; says who holds it and its status in words", async () => {
    const { snapshot } = await certifiedLearner("Lê Văn Tìm");
    const { cookie } = await cookieOf("admin");
    const queries = [snapshot.serial, snapshot.serial.toLowerCase(), formatShortCode(snapshot.shortCode).toLowerCase(), snapshot.publicId];
    for (const q of queries) {
      const data = (await load(listLoader, `/admin/certificates?q=${encodeURIComponent(q)}`, cookie)) as Awaited<ReturnType<typeof listLoader>>;
      expect(data.total, q).toBe(1);
      expect(data.certificates).toEqual([
        { publicId: snapshot.publicId, serial: snapshot.serial, holderName: "Lê Văn Tìm", courseTitle: snapshot.courseTitle, issuedAt: snapshot.issuedAt, state: "valid" },
      ]);
    }
    const nothing = (await load(listLoader, "/admin/certificates?q=HS-1999-000001", cookie)) as Awaited<ReturnType<typeof listLoader>>;
    expect(nothing.total).toBe(0);
    const all = (await load(listLoader, "/admin/certificates?page=abc", cookie)) as Awaited<ReturnType<typeof listLoader>>;
    expect(all.page).toBe(1);
    expect(all.total).toBeGreaterThanOrEqual(1);
  });

  test("a deleted holder's certificate is listed without a name", async () => {
    const { userId, snapshot } = await certifiedLearner("Người Sẽ Rời Đi");
    expect(await deleteAccount(userId, TEST_PASSWORD)).toEqual({ ok: true });
    const { cookie } = await cookieOf("admin");
    const data = (await load(listLoader, `/admin/certificates?q=${snapshot.serial}`, cookie)) as Awaited<ReturnType<typeof listLoader>>;
    expect(data.certificates[0]).toMatchObject({ serial: snapshot.serial, holderName: null });
  });
});

describe("revoke", () => {
  test("an admin revokes with a reason, stored in NFC and written to the audit log; the page then says so; a second time is a 409", async () => {
    const { userId, snapshot } = await certifiedLearner();
    const { publicId } = snapshot;
    const admin = await cookieOf("admin");
    // Typed on a keyboard that sends decomposed accents.
    const reason = "Cấp nhầm người, xác minh lại hồ sơ".normalize("NFD");
    const response = await post(publicId, { intent: "revoke", reason, confirm: "on" }, admin.cookie);
    expect(response.status).toBe(303);
    expect(response.headers.get("Location")).toBe(`/admin/certificates/${publicId}?done=revoked`);

    const after = await row(publicId);
    expect(after.revokedAt).not.toBeNull();
    expect(after.revokedReason).toBe(reason.normalize("NFC"));
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "certificate.revoked", subjectId: userId } });
    expect(event.actorId).toBe(admin.id);
    expect(JSON.parse(event.details)).toEqual({ serial: snapshot.serial, reason: reason.normalize("NFC") });

    const page = (await load(detailLoader, `/admin/certificates/${publicId}?done=revoked`, admin.cookie, { publicId })) as Awaited<ReturnType<typeof detailLoader>>;
    expect(page.notice).toBe("revoked");
    expect(page.status).toMatchObject({ state: "revoked", reason: reason.normalize("NFC") });

    const again = await post(publicId, { intent: "revoke", reason: "Thu hồi lần nữa", confirm: "on" }, admin.cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: { form: ["admin.certificateAlreadyRevoked"] }, values: { reason: "Thu hồi lần nữa" } });
    expect(await db.auditEvent.count({ where: { action: "certificate.revoked", subjectId: userId } })).toBe(1);
  });

  test("a blank, too short or 10 KB reason, or no confirmation, is a 400 that keeps what was typed, and nothing is revoked", async () => {
    const { snapshot } = await certifiedLearner();
    const { publicId } = snapshot;
    const { cookie } = await cookieOf("admin");
    const events = await certificateEvents();

    const blank = await post(publicId, { intent: "revoke", reason: "   ", confirm: "on" }, cookie);
    expect(blank.status).toBe(400);
    expect(await blank.json()).toMatchObject({ errors: { reason: ["form.required"] }, values: { intent: "revoke", reason: "   ", confirm: "on" } });

    const short = await post(publicId, { intent: "revoke", reason: "ok", confirm: "on" }, cookie);
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ errors: { reason: ['form.tooShort|{"min":3}'] }, values: { reason: "ok" } });

    const huge = "Lý do rất dài. ".repeat(700); // about 10 KB
    const long = await post(publicId, { intent: "revoke", reason: huge, confirm: "on" }, cookie);
    expect(long.status).toBe(400);
    const longBody = (await long.json()) as { errors: Record<string, string[]>; values: Record<string, string> };
    expect(longBody.errors.reason).toEqual(['form.tooLong|{"max":500}']);
    // Kept as far as a page shows it back (fields.ts keeps the first 1,000 characters).
    expect(longBody.values.reason!.length).toBeGreaterThan(500);
    expect(huge.startsWith(longBody.values.reason!)).toBe(true);

    const unconfirmed = await post(publicId, { intent: "revoke", reason: "Cấp nhầm khóa học" }, cookie);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.json()).toMatchObject({ errors: { confirm: ["admin.certificateConfirmMissing"] }, values: { reason: "Cấp nhầm khóa học" } });

    expect((await row(publicId)).revokedAt).toBeNull();
    expect(await certificateEvents()).toBe(events);
  });
});

describe("reissue", () => {
  test("after a name correction: a new certificate with the current name, the old one replaced and pointing to it, audited; not twice", async () => {
    const { userId, snapshot } = await certifiedLearner("Nguyen Van Sai");
    const { publicId } = snapshot;
    const admin = await cookieOf("admin");
    await db.user.update({ where: { id: userId }, data: { fullName: "Nguyễn Văn Sửa" } });

    const page = (await load(detailLoader, `/admin/certificates/${publicId}`, admin.cookie, { publicId })) as Awaited<ReturnType<typeof detailLoader>>;
    expect(page.holder).toEqual({ id: userId, fullName: "Nguyễn Văn Sửa" });
    expect(page.snapshot.holderName).toBe("Nguyen Van Sai");

    const response = await post(publicId, { intent: "reissue", confirm: "on" }, admin.cookie);
    expect(response.status).toBe(303);
    const location = response.headers.get("Location")!;
    const newId = /^\/admin\/certificates\/([\w-]{22})\?done=reissued$/.exec(location)?.[1];
    expect(newId).toBeDefined();
    expect(newId).not.toBe(publicId);

    const replacement = (await load(detailLoader, location, admin.cookie, { publicId: newId! })) as Awaited<ReturnType<typeof detailLoader>>;
    expect(replacement.notice).toBe("reissued");
    expect(replacement.status).toEqual({ state: "valid" });
    expect(replacement.snapshot).toMatchObject({ holderName: "Nguyễn Văn Sửa", courseSlug: snapshot.courseSlug, completedAt: snapshot.completedAt });
    expect(replacement.snapshot.serial).not.toBe(snapshot.serial);
    const old = (await load(detailLoader, `/admin/certificates/${publicId}`, admin.cookie, { publicId })) as Awaited<ReturnType<typeof detailLoader>>;
    expect(old.status).toMatchObject({ state: "replaced", byPublicId: newId });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: "certificate.reissued", subjectId: userId } });
    expect(event.actorId).toBe(admin.id);

    const again = await post(publicId, { intent: "reissue", confirm: "on" }, admin.cookie);
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ errors: { form: ["admin.certificateAlreadyReplaced"] } });
  });

  test("a deleted holder's or a revoked certificate is not reissued (409), nor an unconfirmed one (400)", async () => {
    const admin = await cookieOf("admin");
    const gone = await certifiedLearner();
    expect(await deleteAccount(gone.userId, TEST_PASSWORD)).toEqual({ ok: true });
    const deleted = await post(gone.snapshot.publicId, { intent: "reissue", confirm: "on" }, admin.cookie);
    expect(deleted.status).toBe(409);
    expect(await deleted.json()).toMatchObject({ errors: { form: ["admin.certificateDeletedHolderNoReissue"] } });

    const { snapshot } = await certifiedLearner();
    expect((await post(snapshot.publicId, { intent: "revoke", reason: "Gian lận khi làm bài", confirm: "on" }, admin.cookie)).status).toBe(303);
    const revoked = await post(snapshot.publicId, { intent: "reissue", confirm: "on" }, admin.cookie);
    expect(revoked.status).toBe(409);
    expect(await revoked.json()).toMatchObject({ errors: { form: ["admin.certificateRevokedNoReissue"] } });

    const fresh = await certifiedLearner();
    const unconfirmed = await post(fresh.snapshot.publicId, { intent: "reissue" }, admin.cookie);
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.json()).toMatchObject({ errors: { confirm: ["admin.certificateConfirmMissing"] } });
    expect((await row(fresh.snapshot.publicId)).replacedAt).toBeNull();
    expect(await db.certificate.count({ where: { userId: fresh.userId } })).toBe(1);
  });
});

describe("bad input", () => {
  test("an unknown or malformed public id is a 404 for the page and for the actions", async () => {
    const { cookie } = await cookieOf("admin");
    for (const publicId of ["A".repeat(22), "abc", "../../etc/passwd", "x".repeat(5000)]) {
      expect(((await load(detailLoader, `/admin/certificates/${encodeURIComponent(publicId)}`, cookie, { publicId })) as Response).status).toBe(404);
      expect((await post(publicId, { intent: "revoke", reason: "Cấp nhầm", confirm: "on" }, cookie)).status).toBe(404);
      expect((await post(publicId, { intent: "reissue", confirm: "on" }, cookie)).status).toBe(404);
    }
  });

  test("a forged intent is a 400 with a message, a body that is not a form a 415; nothing changes", async () => {
    const { snapshot } = await certifiedLearner();
    const { publicId } = snapshot;
    const { cookie } = await cookieOf("admin");
    for (const intent of ["delete", "revoke-all", ""]) {
      const response = await post(publicId, { intent, reason: "Cấp nhầm", confirm: "on" }, cookie);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errors: { form: ["form.invalid"] } });
    }
    const json = new Request(`http://localhost/admin/certificates/${publicId}`, {
      method: "POST",
      body: JSON.stringify({ intent: "revoke", reason: "Cấp nhầm", confirm: "on" }),
      headers: { "Content-Type": "application/json", Cookie: cookie },
    });
    const refused = (await detailAction({ request: json, params: { publicId }, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
    expect(refused.status).toBe(415);
    expect(await row(publicId)).toMatchObject({ revokedAt: null, replacedAt: null });
  });
});
