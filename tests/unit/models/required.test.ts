import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { loadCourses } from "~/models/course.server";
import { dashboard, enroll, unenroll } from "~/models/progress.server";
import { courseMarks, myRequiredCourses, requiredState, withProgress } from "~/models/required.server";
import { endOfVietnamDay } from "~/utils/i18n";
import { setConsents } from "~/models/user.server";
import { countQueries, db } from "~/utils/db.server";
import { vietnamDay } from "~/utils/i18n";

const now = new Date("2027-01-01T03:00:00Z");

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

/** An assignment of a course to one person, written as the assignments model would leave it. */
async function require_(userId: string, courseSlug: string, dueDay: string, extra: { withdrawnAt?: Date; endedAt?: Date } = {}) {
  const dueAt = endOfVietnamDay(dueDay);
  const assignment = await db.assignment.create({ data: { courseSlug, dueDate: dueAt, withdrawnAt: extra.withdrawnAt ?? null } });
  await db.learnerAssignment.create({ data: { assignmentId: assignment.id, userId, courseSlug, dueAt, endedAt: extra.endedAt ?? null } });
  return assignment;
}

const official = () => createUser({ learnerGroup: "official" });

describe("requiredState", () => {
  const dueAt = endOfVietnamDay("2027-01-15");

  test("a due date is the end of that day in Vietnam, whatever the server's zone", () => {
    expect(dueAt.toISOString()).toBe("2027-01-15T16:59:59.999Z");
    expect(vietnamDay(dueAt)).toBe("2027-01-15");
    expect(requiredState({ dueAt, completedAt: null, now: new Date("2027-01-15T16:59:59.999Z") })).toBe("due soon");
    // Midnight in Hà Nội, still the 15th in London: overdue.
    expect(requiredState({ dueAt, completedAt: null, now: new Date("2027-01-15T17:00:00.000Z") })).toBe("overdue");
  });

  test("due soon within 14 days, open before", () => {
    expect(requiredState({ dueAt, completedAt: null, now: new Date("2027-01-01T16:59:59.999Z") })).toBe("due soon");
    expect(requiredState({ dueAt, completedAt: null, now: new Date("2027-01-01T16:59:59.998Z") })).toBe("open");
  });

  test("done on time, done late, whatever the date is now", () => {
    const later = new Date("2027-03-01T00:00:00Z");
    expect(requiredState({ dueAt, completedAt: new Date("2027-01-15T16:00:00Z"), now: later })).toBe("done");
    // Completed before the course was even required: done.
    expect(requiredState({ dueAt, completedAt: new Date("2026-06-01T00:00:00Z"), now: later })).toBe("done");
    expect(requiredState({ dueAt, completedAt: new Date("2027-01-15T17:30:00Z"), now: later })).toBe("done late");
  });
});

describe("myRequiredCourses", () => {
  test("none for a learner without assignments, in one query", async () => {
    const { id } = await official();
    const { result, queries } = await countQueries(() => myRequiredCourses({ userId: id, now }));
    expect(result).toEqual({ courses: [], sharesWithUnit: false });
    expect(queries).toBe(1);
  });

  test("each state, most urgent first, with titles from the content, in one query", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01"); // open
    await require_(id, "dich-vu-cong-truc-tuyen", "2027-01-10"); // due soon
    await require_(id, "an-toan-thong-tin-khong-co-that", "2027-01-10"); // no such course any more
    await require_(id, "dung-dien-thoai-an-toan", "2026-12-20"); // overdue
    await require_(id, "nhan-thuc-chuyen-doi-so", "2026-12-20");
    await require_(id, "mua-ban-truc-tuyen-an-toan", "2026-12-20");
    await enroll({ userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" });
    await db.enrollment.update({ where: { userId_courseSlug: { userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" } }, data: { completedAt: new Date("2026-12-19T10:00:00Z") } });
    // Completed after the due day, and left afterwards: done late all the same.
    await enroll({ userId: id, courseSlug: "mua-ban-truc-tuyen-an-toan" });
    await db.enrollment.update({ where: { userId_courseSlug: { userId: id, courseSlug: "mua-ban-truc-tuyen-an-toan" } }, data: { completedAt: new Date("2026-12-22T10:00:00Z") } });
    await unenroll({ userId: id, courseSlug: "mua-ban-truc-tuyen-an-toan" });
    await enroll({ userId: id, courseSlug: "dich-vu-cong-truc-tuyen" });

    const { result, queries } = await countQueries(() => myRequiredCourses({ userId: id, now }));
    expect(queries).toBe(1);
    expect(result.courses.map((c) => [c.slug, c.state, c.enrolled])).toEqual([
      ["dung-dien-thoai-an-toan", "overdue", false],
      ["dich-vu-cong-truc-tuyen", "due soon", true],
      ["thanh-toan-truc-tuyen", "open", false],
      ["mua-ban-truc-tuyen-an-toan", "done late", false],
      ["nhan-thuc-chuyen-doi-so", "done", true],
    ]);
    expect(result.courses[1]).toMatchObject({ title: "Sử dụng dịch vụ công trực tuyến", dueAt: endOfVietnamDay("2027-01-10"), completedAt: null });
  });

  test("one course required twice shows once, with the earliest due date", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01");
    await require_(id, "thanh-toan-truc-tuyen", "2027-02-01");
    await require_(id, "thanh-toan-truc-tuyen", "2027-04-01");
    const { courses } = await myRequiredCourses({ userId: id, now });
    expect(courses).toHaveLength(1);
    expect(courses[0]!.dueAt).toEqual(endOfVietnamDay("2027-02-01"));
  });

  test("withdrawn assignments and ended rows are no longer required, and give no earlier date", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01");
    await require_(id, "thanh-toan-truc-tuyen", "2027-01-05", { withdrawnAt: new Date("2026-12-01T00:00:00Z") });
    await require_(id, "thanh-toan-truc-tuyen", "2027-01-06", { endedAt: new Date("2026-12-01T00:00:00Z") });
    await require_(id, "dich-vu-cong-truc-tuyen", "2027-01-05", { withdrawnAt: new Date("2026-12-01T00:00:00Z") });
    await require_(id, "dung-dien-thoai-an-toan", "2027-01-05", { endedAt: new Date("2026-12-01T00:00:00Z") });
    const { courses } = await myRequiredCourses({ userId: id, now });
    expect(courses.map((c) => [c.slug, vietnamDay(c.dueAt)])).toEqual([["thanh-toan-truc-tuyen", "2027-03-01"]]);
  });

  test("another learner's assignments are not mine", async () => {
    const mine = await official();
    const theirs = await official();
    await require_(theirs.id, "thanh-toan-truc-tuyen", "2027-03-01");
    expect((await myRequiredCourses({ userId: mine.id, now })).courses).toEqual([]);
    expect(await courseMarks({ userId: mine.id })).toEqual({});
  });

  test("says whether the learner shares their progress with their unit", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01");
    expect((await myRequiredCourses({ userId: id, now })).sharesWithUnit).toBe(false);
    await setConsents(id, { "share-with-unit": true, statistics: false });
    expect((await myRequiredCourses({ userId: id, now })).sharesWithUnit).toBe(true);
    await setConsents(id, { "share-with-unit": false, statistics: false });
    expect((await myRequiredCourses({ userId: id, now })).sharesWithUnit).toBe(false);
  });

  test("progress comes from what /me has read, for enrolled courses only", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01");
    await require_(id, "dich-vu-cong-truc-tuyen", "2027-03-01");
    await enroll({ userId: id, courseSlug: "thanh-toan-truc-tuyen" });
    const board = await dashboard({ userId: id, now });
    const { result, queries } = await countQueries(async () => withProgress((await myRequiredCourses({ userId: id, now })).courses, board.inProgress));
    expect(queries).toBe(1);
    const bySlug = Object.fromEntries(result.map((c) => [c.slug, c.progress]));
    expect(bySlug["dich-vu-cong-truc-tuyen"]).toBeNull();
    expect(bySlug["thanh-toan-truc-tuyen"]).toMatchObject({ completedCount: 0, next: { slug: expect.any(String) } });
    expect(bySlug["thanh-toan-truc-tuyen"]!.requiredCount).toBeGreaterThan(0);
  });
});

describe("courseMarks", () => {
  test("enrolled, completed and required with the earliest due date, in one query", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-03-01");
    await require_(id, "thanh-toan-truc-tuyen", "2027-02-01");
    await require_(id, "dich-vu-cong-truc-tuyen", "2027-01-05", { withdrawnAt: new Date("2026-12-01T00:00:00Z") });
    await require_(id, "dung-dien-thoai-an-toan", "2027-01-05", { endedAt: new Date("2026-12-01T00:00:00Z") });
    await enroll({ userId: id, courseSlug: "thanh-toan-truc-tuyen" });
    await enroll({ userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" });
    await db.enrollment.update({ where: { userId_courseSlug: { userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" } }, data: { completedAt: now } });
    await enroll({ userId: id, courseSlug: "mua-ban-truc-tuyen-an-toan" });
    await unenroll({ userId: id, courseSlug: "mua-ban-truc-tuyen-an-toan" });

    const { result, queries } = await countQueries(() => courseMarks({ userId: id, now }));
    expect(queries).toBe(1);
    expect(result).toEqual({
      "thanh-toan-truc-tuyen": { enrolled: true, completed: false, requiredDue: endOfVietnamDay("2027-02-01"), overdue: false },
      "nhan-thuc-chuyen-doi-so": { enrolled: true, completed: true, requiredDue: null, overdue: false },
      // Left, not completed: nothing to mark.
      "mua-ban-truc-tuyen-an-toan": { enrolled: false, completed: false, requiredDue: null, overdue: false },
    });

    const one = await countQueries(() => courseMarks({ userId: id, courseSlug: "thanh-toan-truc-tuyen" }));
    expect(one.queries).toBe(1);
    expect(Object.keys(one.result)).toEqual(["thanh-toan-truc-tuyen"]);
  });

  test("overdue after the end of the due day in Vietnam, unless completed", async () => {
    const { id } = await official();
    await require_(id, "thanh-toan-truc-tuyen", "2027-01-15");
    await require_(id, "nhan-thuc-chuyen-doi-so", "2027-01-15");
    await enroll({ userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" });
    await db.enrollment.update({ where: { userId_courseSlug: { userId: id, courseSlug: "nhan-thuc-chuyen-doi-so" } }, data: { completedAt: new Date("2027-01-20T00:00:00Z") } });
    const at = async (iso: string) => {
      const marks = await courseMarks({ userId: id, now: new Date(iso) });
      return [marks["thanh-toan-truc-tuyen"]!.overdue, marks["nhan-thuc-chuyen-doi-so"]!.overdue];
    };
    expect(await at("2027-01-15T16:59:59.999Z")).toEqual([false, false]);
    expect(await at("2027-01-15T17:00:00.000Z")).toEqual([true, false]);
  });
});
