import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import {
  expiringSoon,
  findPublicCertificate,
  getCertificateFor,
  listMyCertificates,
  reissueCertificate,
  revokeCertificate,
  setCertificateVisibility,
} from "~/models/certificate.server";
import { getCourse, loadCourses } from "~/models/course.server";
import type { Course } from "~/models/content/library.server";
import { enroll, markComplete, recordQuizPassed, recordView } from "~/models/progress.server";
import { deleteAccount } from "~/models/user.server";
import { formatShortCode } from "~/utils/certificate-code";
import { db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";
import { TEST_PASSWORD } from "../../setup/accounts";

const course = "thanh-toan-truc-tuyen"; // lessons "viewed", and a final quiz

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

const lessonsOf = (slug: string) => getCourse(slug)!.lessons.map((l) => l.slug);

/** Views every lesson, then passes the final quiz (an attempt written straight to the database, score 90). */
async function completeCourse(userId: string, slug = course) {
  await enroll({ userId, courseSlug: slug });
  for (const lessonSlug of lessonsOf(slug)) await recordView({ userId, courseSlug: slug, lessonSlug });
  await passFinal(userId, slug);
}

async function passFinal(userId: string, slug = course) {
  const lesson = getCourse(slug)!.lessons.find((l) => l.quizzes.some((q) => q.settings.final))!;
  const quiz = lesson.quizzes.find((q) => q.settings.final)!;
  await db.quizAttempt.create({
    data: { userId, courseSlug: slug, lessonSlug: lesson.slug, quizId: quiz.id, quizVersion: quiz.version, questions: "[]", submittedAt: new Date(), outcome: "submitted", score: 90, passed: true },
  });
  return recordQuizPassed({ userId, courseSlug: slug, lessonSlug: lesson.slug, final: true });
}

async function onlyCertificate(userId: string) {
  const mine = await listMyCertificates({ userId });
  expect(mine).toHaveLength(1);
  return mine[0]!.snapshot;
}

/** Each lookup as if from its own address, unless one is given. */
const lookup = (input: Parameters<typeof findPublicCertificate>[0], ip = `203.0.113.${Math.floor(Math.random() * 250)}`) =>
  runInRequestScope(ip, () => findPublicCertificate(input));

describe("issuance", () => {
  test("completing a course issues one certificate with a frozen snapshot", async () => {
    const { id } = await createUser({ fullName: "Nguyễn Thị Ngọc Ánh" });
    await completeCourse(id);
    const mine = await listMyCertificates({ userId: id });
    expect(mine).toHaveLength(1);
    const { snapshot, status } = mine[0]!;
    expect(status).toEqual({ state: "valid" });
    expect(snapshot).toMatchObject({
      holderName: "Nguyễn Thị Ngọc Ánh",
      learnerGroup: "resident",
      courseSlug: course,
      courseTitle: getCourse(course)!.meta.title,
      courseVersion: getCourse(course)!.meta.version,
      competenceArea: getCourse(course)!.meta.competence.area,
      minutes: getCourse(course)!.meta.minutes,
      finalScore: 90,
      expiresAt: null,
    });
    expect(snapshot.serial).toMatch(/^HS-\d{4}-\d{6}$/);
    expect(snapshot.shortCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(snapshot.holderName).toBe(snapshot.holderName!.normalize("NFC"));
    // Frozen: changing the profile later changes nothing issued.
    await db.user.update({ where: { id }, data: { fullName: "Tên Khác" } });
    expect((await listMyCertificates({ userId: id }))[0]!.snapshot.holderName).toBe("Nguyễn Thị Ngọc Ánh");
  });

  test("twenty completions at once give exactly one certificate", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: course });
    for (const lessonSlug of lessonsOf(course)) await recordView({ userId: id, courseSlug: course, lessonSlug });
    expect(await db.certificate.count({ where: { userId: id } })).toBe(0);
    // The last action is the final quiz's pass, arriving twenty times at once (double taps, retries, tabs).
    const lesson = getCourse(course)!.lessons.find((l) => l.quizzes.some((q) => q.settings.final))!;
    const quiz = lesson.quizzes.find((q) => q.settings.final)!;
    await db.quizAttempt.create({
      data: { userId: id, courseSlug: course, lessonSlug: lesson.slug, quizId: quiz.id, quizVersion: quiz.version, questions: "[]", submittedAt: new Date(), outcome: "submitted", score: 90, passed: true },
    });
    await Promise.all(Array.from({ length: 20 }, () => recordQuizPassed({ userId: id, courseSlug: course, lessonSlug: lesson.slug, final: true })));
    expect(await db.certificate.count({ where: { userId: id } })).toBe(1);
    expect(await db.enrollment.count({ where: { userId: id, completedAt: { not: null } } })).toBe(1);
  });

  test("serial numbers are gapless and per year", async () => {
    const before = await db.certificate.findMany({ select: { serial: true } });
    const { id: a } = await createUser();
    const { id: b } = await createUser();
    await completeCourse(a);
    await completeCourse(b);
    const numbers = (await db.certificate.findMany({ select: { serial: true }, orderBy: { serial: "asc" } })).map((c) => Number(c.serial.slice(-6)));
    expect(numbers.length).toBe(before.length + 2);
    numbers.forEach((n, i) => expect(n).toBe(i + 1));
  });

  test("no sequence of requests gives a certificate for a course not completed", async () => {
    const { id } = await createUser();
    // Not enrolled: views record nothing.
    for (const lessonSlug of lessonsOf(course)) await recordView({ userId: id, courseSlug: course, lessonSlug });
    // Enrolled, every lesson but one, each many times, and marks on lessons that only need viewing.
    await enroll({ userId: id, courseSlug: course });
    for (const lessonSlug of lessonsOf(course).slice(0, -1)) {
      await recordView({ userId: id, courseSlug: course, lessonSlug });
      await markComplete({ userId: id, courseSlug: course, lessonSlug });
    }
    // Forged lessons and courses.
    await recordView({ userId: id, courseSlug: course, lessonSlug: "khong-co" });
    await markComplete({ userId: id, courseSlug: "khong-co", lessonSlug: "bai" });
    expect(await db.certificate.count({ where: { userId: id } })).toBe(0);
  });

  test("a course whose certificate is off gives none", async () => {
    const target = getCourse(course)! as Course;
    const { id } = await createUser();
    const original = target.meta.certificate;
    target.meta.certificate = { ...original, enabled: false };
    try {
      await completeCourse(id);
    } finally {
      target.meta.certificate = original;
    }
    expect(await db.enrollment.count({ where: { userId: id, completedAt: { not: null } } })).toBe(1);
    expect(await db.certificate.count({ where: { userId: id } })).toBe(0);
  });

  test("validMonths sets the expiry; expiring ones are listed for /me, expired ones say so", async () => {
    const target = getCourse(course)! as Course;
    const { id } = await createUser();
    const original = target.meta.certificate;
    target.meta.certificate = { ...original, validMonths: 1 };
    try {
      await completeCourse(id);
    } finally {
      target.meta.certificate = original;
    }
    const [mine] = await listMyCertificates({ userId: id });
    expect(mine!.snapshot.expiresAt).not.toBeNull();
    expect(await expiringSoon({ userId: id })).toHaveLength(1);
    const later = new Date(new Date(mine!.snapshot.expiresAt!).getTime() + 1000);
    expect((await listMyCertificates({ userId: id, now: later }))[0]!.status.state).toBe("expired");
  });
});

describe("verification", () => {
  test("found by public id and by short code however typed; unknown and malformed ones look the same", async () => {
    const { id } = await createUser({ fullName: "Đặng Hữu Phước" });
    await completeCourse(id);
    const snapshot = await onlyCertificate(id);
    expect(await lookup({ publicId: snapshot.publicId })).toMatchObject({ snapshot: { holderName: "Đặng Hữu Phước" }, status: { state: "valid" } });
    expect(await lookup({ shortCode: formatShortCode(snapshot.shortCode).toLowerCase() })).toMatchObject({ snapshot: { publicId: snapshot.publicId } });
    for (const bad of ["x".repeat(22), "../../etc/passwd", "", "a".repeat(5000)]) expect(await lookup({ publicId: bad })).toBeNull();
    expect(await lookup({ shortCode: "2345-6789-AB" })).toBeNull();
  });

  test("an address that misses too often must wait; found ones do not count", async () => {
    const { id } = await createUser();
    await completeCourse(id);
    const snapshot = await onlyCertificate(id);
    const ip = "198.51.100.77";
    for (let i = 0; i < 40; i++) expect(await lookup({ publicId: snapshot.publicId }, ip)).not.toBeNull();
    let result: unknown = null;
    for (let i = 0; i < 31 && result !== "wait"; i++) result = await lookup({ publicId: `${"Z".repeat(21)}${i % 10}` }, ip);
    expect(result).toBe("wait");
    expect(await lookup({ publicId: snapshot.publicId }, ip)).toBe("wait");
  });

  test("the holder can hide unit and score from the public page; only the holder can change that", async () => {
    const { id } = await createUser();
    const { id: other } = await createUser();
    await completeCourse(id);
    const snapshot = await onlyCertificate(id);
    expect(await setCertificateVisibility({ userId: other, publicId: snapshot.publicId, showUnit: false, showScore: false })).toBe(false);
    expect(await getCertificateFor({ userId: other, publicId: snapshot.publicId })).toBeNull();
    expect(await setCertificateVisibility({ userId: id, publicId: snapshot.publicId, showUnit: false, showScore: false })).toBe(true);
    const row = await db.certificate.findUniqueOrThrow({ where: { publicId: snapshot.publicId } });
    expect([row.showUnit, row.showScore]).toEqual([false, false]);
  });
});

describe("administration", () => {
  test("revoked: stays, says why and when; reissued: the old one points to the new; both audited", async () => {
    const { id } = await createUser({ fullName: "Nguyen Van Sai Ten" });
    const { id: admin } = await createUser({ role: "admin" });
    await completeCourse(id);
    const first = await onlyCertificate(id);

    await db.user.update({ where: { id }, data: { fullName: "Nguyễn Văn Sửa Tên" } });
    const reissued = await reissueCertificate({ actorId: admin, publicId: first.publicId });
    expect(reissued).toMatchObject({ ok: true });
    const newId = (reissued as { publicId: string }).publicId;
    expect(await lookup({ publicId: first.publicId })).toMatchObject({ status: { state: "replaced", byPublicId: newId } });
    expect(await lookup({ publicId: newId })).toMatchObject({ snapshot: { holderName: "Nguyễn Văn Sửa Tên" }, status: { state: "valid" } });
    expect(await reissueCertificate({ actorId: admin, publicId: first.publicId })).toEqual({ error: "alreadyReplaced" });

    expect(await revokeCertificate({ actorId: admin, publicId: newId, reason: "Cấp nhầm" })).toEqual({ ok: true });
    expect(await lookup({ publicId: newId })).toMatchObject({ status: { state: "revoked", reason: "Cấp nhầm" } });
    expect(await revokeCertificate({ actorId: admin, publicId: newId, reason: "again" })).toEqual({ error: "alreadyRevoked" });
    const actions = (await db.auditEvent.findMany({ where: { subjectId: id, action: { startsWith: "certificate." } }, select: { action: true } })).map((e) => e.action);
    expect(actions.sort()).toEqual(["certificate.issued", "certificate.reissued", "certificate.revoked"]);
  });

  test("a deleted account's certificates stay verifiable, without the name", async () => {
    const { id } = await createUser({ fullName: "Người Sẽ Xóa" });
    await completeCourse(id);
    const snapshot = await onlyCertificate(id);
    expect(await deleteAccount(id, TEST_PASSWORD)).toEqual({ ok: true });
    const found = await lookup({ publicId: snapshot.publicId });
    expect(found).toMatchObject({ deletedHolder: true, snapshot: { holderName: null }, status: { state: "valid" } });
    const raw = await db.certificate.findUniqueOrThrow({ where: { publicId: snapshot.publicId } });
    expect(raw.snapshot).not.toContain("Người Sẽ Xóa");
  });
});
