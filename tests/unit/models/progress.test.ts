import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { getCourse, getQuizDefinition, loadCourses } from "~/models/course.server";
import {
  addActiveTime,
  courseProgress,
  dashboard,
  enroll,
  lessonRule,
  markComplete,
  recordQuizPassed,
  recordView,
  summarise,
  unenroll,
} from "~/models/progress.server";
import { countQueries, db } from "~/utils/db.server";

const marked = "ky-nang-so-tai-dia-phuong"; // lessons "marked", the last one "quiz", with a final quiz
const viewed = "thanh-toan-truc-tuyen"; // lessons "viewed"

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

const lessonsOf = (slug: string) => getCourse(slug)!.lessons.map((l) => l.slug);

/** A passed attempt at the course's final quiz, written straight to the database; returns the quiz's lesson. */
async function finalAttemptPassed(userId: string, courseSlug: string) {
  const course = getCourse(courseSlug)!;
  const lesson = course.lessons.find((l) => l.quizzes.some((q) => q.settings.final))!;
  const quiz = lesson.quizzes.find((q) => q.settings.final)!;
  await db.quizAttempt.create({
    data: { userId, courseSlug, lessonSlug: lesson.slug, quizId: quiz.id, quizVersion: quiz.version, questions: "[]", submittedAt: new Date(), outcome: "submitted", score: 100, passed: true },
  });
  return lesson.slug;
}

async function passFinal(userId: string, courseSlug: string) {
  const lessonSlug = await finalAttemptPassed(userId, courseSlug);
  return recordQuizPassed({ userId, courseSlug, lessonSlug, final: true });
}

describe("lesson rules", () => {
  test("viewed: opening a lesson while enrolled completes it; before enrolling nothing is recorded", async () => {
    const { id } = await createUser();
    const [first] = lessonsOf(viewed);
    expect(await recordView({ userId: id, courseSlug: viewed, lessonSlug: first! })).toEqual({ error: "notEnrolled" });
    expect(await db.lessonProgress.count({ where: { userId: id } })).toBe(0);
    await enroll({ userId: id, courseSlug: viewed });
    const result = await recordView({ userId: id, courseSlug: viewed, lessonSlug: first! });
    expect(result).toMatchObject({ ok: true, lessonComplete: true });
  });

  test("marked: viewing is not enough; marking completes; marking twice changes nothing", async () => {
    const { id } = await createUser();
    const [first] = lessonsOf(marked);
    await enroll({ userId: id, courseSlug: marked });
    expect(await recordView({ userId: id, courseSlug: marked, lessonSlug: first! })).toMatchObject({ lessonComplete: false });
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: first! })).toMatchObject({ lessonComplete: true });
    const once = await db.lessonProgress.findUniqueOrThrow({ where: { userId_courseSlug_lessonSlug: { userId: id, courseSlug: marked, lessonSlug: first! } } });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: first! });
    const twice = await db.lessonProgress.findUniqueOrThrow({ where: { userId_courseSlug_lessonSlug: { userId: id, courseSlug: marked, lessonSlug: first! } } });
    expect(twice).toEqual(once);
  });

  test("quiz: only passing the lesson's quiz completes it; the final quiz does not count for the lesson", async () => {
    const { id } = await createUser();
    const last = lessonsOf(marked).at(-1)!;
    await enroll({ userId: id, courseSlug: marked });
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: last })).toMatchObject({ lessonComplete: false });
    expect(await recordQuizPassed({ userId: id, courseSlug: marked, lessonSlug: last, final: true })).toMatchObject({ lessonComplete: false });
    expect(await recordQuizPassed({ userId: id, courseSlug: marked, lessonSlug: last, final: false })).toMatchObject({ lessonComplete: true });
  });

});

describe("course completion", () => {
  test("needs every required lesson and the final quiz, and is recorded once", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    const lessons = lessonsOf(marked);
    for (const lesson of lessons.slice(0, -1)) await markComplete({ userId: id, courseSlug: marked, lessonSlug: lesson });
    await recordQuizPassed({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-1)!, final: false });
    expect((await courseProgress({ userId: id, courseSlug: marked }))?.completedAt).toBeNull();
    const done = await passFinal(id, marked);
    expect(done).toMatchObject({ courseCompleted: true });
    const completedAt = (await courseProgress({ userId: id, courseSlug: marked }))?.completedAt;
    expect(completedAt).toBeInstanceOf(Date);
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: lessons[0]! })).toMatchObject({ courseCompleted: false });
    expect((await courseProgress({ userId: id, courseSlug: marked }))?.completedAt).toEqual(completedAt);
  });

  test("when the last two actions race, completion is recorded exactly once", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    const lessons = lessonsOf(marked);
    for (const lesson of lessons.slice(0, -2)) await markComplete({ userId: id, courseSlug: marked, lessonSlug: lesson });
    await recordQuizPassed({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-1)!, final: false });
    await finalAttemptPassed(id, marked);
    // Opened an hour ago, so that completing it counts its estimated minutes.
    await recordView({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-2)!, now: new Date(Date.now() - 3600_000) });
    const results = await Promise.all([
      markComplete({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-2)! }),
      markComplete({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-2)! }),
      recordQuizPassed({ userId: id, courseSlug: marked, lessonSlug: lessons.at(-1)!, final: true }),
    ]);
    expect(results.filter((r) => "courseCompleted" in r && r.courseCompleted)).toHaveLength(1);
    expect(await db.enrollment.count({ where: { userId: id, courseSlug: marked, completedAt: { not: null } } })).toBe(1);
    // The racing lesson's estimated minutes count once, not once per request.
    const racing = getCourse(marked)!.lessons.at(-2)!;
    expect((await dashboard({ userId: id })).secondsThisYear).toBe(racing.minutes * 60);
  });
});

describe("a course changed while learners are in it", () => {
  test("lessons added later are new; optional by default, required when the course says so", async () => {
    const course = getCourse(marked)!;
    const [first, ...others] = course.lessons.map((l) => l.slug);
    const enrollment = { id: "e", lessonsAtStart: JSON.stringify([...others, "bai-da-bo"]), completedAt: null, enrolledAt: new Date(), unenrolledAt: null, courseVersion: 1 };
    const optional = summarise(course, enrollment, [], false);
    expect(optional.lessons.find((l) => l.slug === first)).toMatchObject({ isNew: true, required: false });
    expect(optional.requiredCount).toBe(others.length);

    const strict = { ...course, meta: { ...course.meta, completion: { ...course.meta.completion, newLessons: "required" as const } } };
    const required = summarise(strict, enrollment, [], false);
    expect(required.lessons.find((l) => l.slug === first)).toMatchObject({ isNew: true, required: true });
    expect(required.requiredCount).toBe(course.lessons.length);
  });

  test("what was completed stays completed, and removed lessons are not counted", async () => {
    const course = getCourse(viewed)!;
    const done = course.lessons.map((l) => ({ lessonSlug: l.slug, viewedAt: new Date(), markedAt: null, quizPassedAt: null, completedAt: new Date(), activeSeconds: 0 }));
    const enrollment = { id: "e", lessonsAtStart: JSON.stringify([...course.lessons.map((l) => l.slug), "bai-cu-da-xoa"]), completedAt: null, enrolledAt: new Date(), unenrolledAt: null, courseVersion: 1 };
    const summary = summarise(course, enrollment, [...done, { ...done[0]!, lessonSlug: "bai-cu-da-xoa" }], false);
    expect(summary.completedCount).toBe(course.lessons.length);
    expect(summary.requiredCount).toBe(course.lessons.length);
  });
});

describe("bad input and safety", () => {
  test("not enrolled, no such lesson, un-enrolled: refused, nothing written; history kept on leaving", async () => {
    const { id } = await createUser();
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[0]! })).toEqual({ error: "notEnrolled" });
    await enroll({ userId: id, courseSlug: marked });
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: "khong-co" })).toEqual({ error: "notFound" });
    expect(await enroll({ userId: id, courseSlug: "khong-co" })).toEqual({ error: "notFound" });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[0]! });
    await unenroll({ userId: id, courseSlug: marked });
    expect(await markComplete({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[1]! })).toEqual({ error: "notEnrolled" });
    await enroll({ userId: id, courseSlug: marked });
    expect((await courseProgress({ userId: id, courseSlug: marked }))?.completedCount).toBe(1);
  });

  test("active time is capped per report and per lesson", async () => {
    const { id } = await createUser();
    const lesson = getCourse(viewed)!.lessons[0]!;
    await enroll({ userId: id, courseSlug: viewed });
    const start = Date.now();
    const minute = (n: number) => new Date(start + n * 60_000);
    expect(await addActiveTime({ userId: id, courseSlug: viewed, lessonSlug: lesson.slug, seconds: 3600, now: minute(0) })).toEqual({ ok: true, added: 60 });
    for (let i = 1; i <= lesson.minutes * 2 + 5; i++) await addActiveTime({ userId: id, courseSlug: viewed, lessonSlug: lesson.slug, seconds: 60, now: minute(i) });
    const row = await db.lessonProgress.findUniqueOrThrow({ where: { userId_courseSlug_lessonSlug: { userId: id, courseSlug: viewed, lessonSlug: lesson.slug } } });
    expect(row.activeSeconds).toBe(lesson.minutes * 120);
    expect((await dashboard({ userId: id })).secondsThisYear).toBe(lesson.minutes * 120);
  });

  test("a report counts no more than the time that passed since the last: bursts and two tabs count the clock, not the reports", async () => {
    const { id } = await createUser();
    const lesson = getCourse(viewed)!.lessons[0]!;
    await enroll({ userId: id, courseSlug: viewed });
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const report = (seconds: number) => addActiveTime({ userId: id, courseSlug: viewed, lessonSlug: lesson.slug, seconds: 30, now: at(seconds) });
    expect(await report(0)).toEqual({ ok: true, added: 30 });
    const counted = async () =>
      (await db.lessonProgress.findUniqueOrThrow({ where: { userId_courseSlug_lessonSlug: { userId: id, courseSlug: viewed, lessonSlug: lesson.slug } } })).activeSeconds;
    await Promise.all(Array.from({ length: 10 }, () => report(1)));
    expect(await counted()).toBe(30 + 1);
    // Two tabs reporting every 30 s, 15 s apart: 30 s of the clock each half-minute, not 60.
    for (let t = 16; t <= 151; t += 15) await report(t);
    expect(await counted()).toBe(30 + 1 + 150);
  });

  test("queries: mark complete and the dashboard", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    await enroll({ userId: id, courseSlug: viewed });
    // Opened ten minutes ago: marking it credits time, the dearest way through.
    await recordView({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[0]!, now: new Date(Date.now() - 600_000) });
    const mark = await countQueries(() => markComplete({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[0]! }));
    const again = await countQueries(() => markComplete({ userId: id, courseSlug: marked, lessonSlug: lessonsOf(marked)[0]! }));
    const page = await countQueries(() => dashboard({ userId: id }));
    // The lesson page records the view: a "viewed" lesson completes on opening with no time to credit, so no transaction.
    const view = await countQueries(() => recordView({ userId: id, courseSlug: viewed, lessonSlug: lessonsOf(viewed)[0]! }));
    const viewAgain = await countQueries(() => recordView({ userId: id, courseSlug: viewed, lessonSlug: lessonsOf(viewed)[0]! }));
    // Budget as measured: enrolment, upsert, first-time stamp, re-read, final-quiz check, last activity; then completing the lesson with
    // its time in one transaction: BEGIN, the learner's clock, the completion stamp with the time, the clock moved, the day (read and
    // write), COMMIT. Two more than when the time top-up ignored the learner's clock (12); a lesson completed with nothing to credit,
    // as a "viewed" lesson on opening, costs 11, one fewer than before.
    expect(mark.queries).toBeLessThanOrEqual(14);
    expect(again.queries).toBeLessThanOrEqual(mark.queries);
    expect(page.queries).toBe(5);
    expect(view.queries).toBeLessThanOrEqual(11);
    expect(viewAgain.queries).toBeLessThanOrEqual(8);
    expect(getQuizDefinition(marked, "kiem-tra-cuoi-khoa")).not.toBeNull();
  });
});

/** Every lesson of every course, with its course, the learner enrolled in all of them. */
async function enrolledEverywhere(userId: string) {
  const courses = ["cau-chuyen-chuyen-doi-so-dia-phuong", "chinh-phu-so-kinh-te-so-xa-hoi-so", "chuong-trinh-chuyen-doi-so-quoc-gia", "dich-vu-cong-truc-tuyen", "dung-dien-thoai-an-toan", marked, "mua-ban-truc-tuyen-an-toan", "nhan-thuc-chuyen-doi-so", viewed];
  for (const courseSlug of courses) await enroll({ userId, courseSlug });
  return courses.flatMap((courseSlug) => lessonsOf(courseSlug).map((lessonSlug) => ({ courseSlug, lessonSlug })));
}

const credited = async (userId: string) => (await dashboard({ userId })).secondsThisYear;

describe("learning time that certificates count", () => {
  test("one learner's credited time never runs faster than the clock, across every lesson and tab", async () => {
    const { id } = await createUser();
    const lessons = (await enrolledEverywhere(id)).slice(0, 20);
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    const report = (lesson: { courseSlug: string; lessonSlug: string }, seconds: number) => addActiveTime({ userId: id, ...lesson, seconds: 30, now: at(seconds) });

    expect(await report(lessons[0]!, 0)).toEqual({ ok: true, added: 30 });
    // Twenty lessons, one report each, at the same instant: thirty seconds passed, thirty count.
    const burst = await Promise.all(lessons.map((lesson) => report(lesson, 30)));
    expect(burst.reduce((sum, r) => sum + (r.added ?? 0), 0)).toBe(30);
    // Twenty tabs reporting every thirty seconds for ten minutes.
    for (let t = 60; t <= 600; t += 30) for (const lesson of lessons) await report(lesson, t);
    // Ten minutes went by, plus the thirty seconds the first report covered before it was sent.
    expect(await credited(id)).toBe(600 + 30);
    const rows = await db.lessonProgress.aggregate({ where: { userId: id }, _sum: { activeSeconds: true } });
    expect(rows._sum.activeSeconds).toBe(600 + 30);
  });

  test("opening every lesson of every course within one second counts at most that second", async () => {
    const { id } = await createUser();
    const lessons = await enrolledEverywhere(id);
    expect(lessons.length).toBeGreaterThanOrEqual(40);
    const start = Date.now();
    const now = (i: number) => new Date(start + Math.floor((i * 1000) / (2 * lessons.length)));
    for (const [i, lesson] of lessons.entries()) {
      await recordView({ userId: id, ...lesson, now: now(2 * i) });
      await markComplete({ userId: id, ...lesson, now: now(2 * i + 1) });
    }
    // Every lesson is complete but the one that needs its quiz passed.
    const completable = lessons.filter(({ courseSlug, lessonSlug }) => {
      const course = getCourse(courseSlug)!;
      return lessonRule(course, course.lessons.find((l) => l.slug === lessonSlug)!) !== "quiz";
    });
    expect(await db.lessonProgress.count({ where: { userId: id, completedAt: { not: null } } })).toBe(completable.length);
    expect(await credited(id)).toBeLessThanOrEqual(1);
  });

  test("a lesson opened and marked five minutes later counts five minutes; read for longer than its estimate, the estimate", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    const [first, second] = getCourse(marked)!.lessons;
    expect(first!.minutes).toBeGreaterThan(5);
    const start = Date.now();
    const minute = (n: number) => new Date(start + n * 60_000);
    await recordView({ userId: id, courseSlug: marked, lessonSlug: first!.slug, now: minute(0) });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: first!.slug, now: minute(5) });
    expect(await credited(id)).toBe(5 * 60);
    await recordView({ userId: id, courseSlug: marked, lessonSlug: second!.slug, now: minute(5) });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: second!.slug, now: minute(5 + 60) });
    expect(await credited(id)).toBe(5 * 60 + second!.minutes * 60);
  });

  test("two lessons open in two tabs and marked after five minutes count five minutes, not ten", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    const [first, second] = lessonsOf(marked);
    const start = Date.now();
    await recordView({ userId: id, courseSlug: marked, lessonSlug: first!, now: new Date(start) });
    await recordView({ userId: id, courseSlug: marked, lessonSlug: second!, now: new Date(start) });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: first!, now: new Date(start + 300_000) });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: second!, now: new Date(start + 301_000) });
    expect(await credited(id)).toBe(301);
  });

  test("with JavaScript, completing a lesson adds only the time the page had not reported yet", async () => {
    const { id } = await createUser();
    await enroll({ userId: id, courseSlug: marked });
    const [first] = lessonsOf(marked);
    const start = Date.now();
    const at = (seconds: number) => new Date(start + seconds * 1000);
    await recordView({ userId: id, courseSlug: marked, lessonSlug: first!, now: at(0) });
    for (let t = 30; t <= 180; t += 30) await addActiveTime({ userId: id, courseSlug: marked, lessonSlug: first!, seconds: 30, now: at(t) });
    await markComplete({ userId: id, courseSlug: marked, lessonSlug: first!, now: at(190) });
    expect(await credited(id)).toBe(190);
  });
});
