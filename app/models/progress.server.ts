/**
 * Enrolment and progress: which lessons a learner has completed, by each
 * lesson's rule, and when a course is complete.
 *
 * - A lesson is complete when its rule is met: "viewed" (opened while
 *   enrolled), "marked" (the learner pressed "mark complete"), or "quiz"
 *   (the lesson's quiz passed). Rules come from course.yml, a lesson's
 *   frontmatter may override them.
 * - A course is complete when every required lesson is complete and, if the
 *   course has a final quiz, it is passed. Completion is recorded once, with
 *   its time, by a conditional update, however many requests race to it.
 * - Lessons added after a learner enrolled are "new" for them, and required
 *   only if course.yml says `completion.newLessons: required`.
 *
 * Every function takes the learner's id from the session and puts it in the
 * query: no one reads or writes another learner's progress.
 */
import { getCourse } from "~/models/course.server";
import type { Course } from "~/models/content/library.server";
import type { CompiledLesson } from "~/models/content/compile.server";
import type { Prisma } from "~/generated/prisma/client";
import { issueCertificate } from "~/models/certificate.server";
import { db } from "~/utils/db.server";
import { vietnamDay } from "~/utils/i18n";

export type LessonRule = "viewed" | "marked" | "quiz";

/** A lesson's rule; "quiz" on a lesson without a quiz falls back to "marked". */
export function lessonRule(course: Course, lesson: CompiledLesson): LessonRule {
  const rule = lesson.completion ?? course.meta.completion.lesson;
  if (rule === "quiz" && !lessonQuiz(lesson)) return "marked";
  return rule;
}

/** The lesson's own quiz (not the course's final quiz), whose pass completes a "quiz" lesson. */
export function lessonQuiz(lesson: CompiledLesson) {
  return lesson.quizzes.find((q) => !q.settings.final) ?? null;
}

export function finalQuiz(course: Course) {
  for (const lesson of course.lessons) {
    const quiz = lesson.quizzes.find((q) => q.settings.final);
    if (quiz) return { id: quiz.id, lessonSlug: lesson.slug };
  }
  return null;
}

const progressColumns = { lessonSlug: true, viewedAt: true, markedAt: true, quizPassedAt: true, completedAt: true, activeSeconds: true } as const;
const enrollmentColumns = { id: true, lessonsAtStart: true, completedAt: true, enrolledAt: true, unenrolledAt: true, courseVersion: true } as const;
type ProgressRow = Prisma.LessonProgressGetPayload<{ select: typeof progressColumns }>;
type EnrollmentRow = Prisma.EnrollmentGetPayload<{ select: typeof enrollmentColumns }>;

function satisfied(rule: LessonRule, row: ProgressRow | undefined): boolean {
  if (!row) return false;
  if (rule === "viewed") return Boolean(row.viewedAt ?? row.markedAt ?? row.quizPassedAt);
  if (rule === "marked") return Boolean(row.markedAt);
  return Boolean(row.quizPassedAt);
}

export type LessonState = { slug: string; title: string; minutes: number; rule: LessonRule; complete: boolean; isNew: boolean; required: boolean };

/** The state of every lesson and of the course, from rows already read. No query. */
export function summarise(course: Course, enrollment: EnrollmentRow, rows: ProgressRow[], finalPassed: boolean) {
  const atStart = new Set(JSON.parse(enrollment.lessonsAtStart) as string[]);
  const newRequired = course.meta.completion.newLessons === "required";
  const lessons: LessonState[] = course.lessons.map((lesson) => {
    const isNew = !atStart.has(lesson.slug);
    const rule = lessonRule(course, lesson);
    return {
      slug: lesson.slug,
      title: lesson.title,
      minutes: lesson.minutes,
      rule,
      complete: satisfied(rule, rows.find((r) => r.lessonSlug === lesson.slug)),
      isNew,
      required: !isNew || newRequired,
    };
  });
  const required = lessons.filter((l) => l.required);
  const final = finalQuiz(course);
  const next = lessons.find((l) => l.required && !l.complete) ?? lessons.find((l) => !l.complete) ?? null;
  return {
    lessons,
    requiredCount: required.length,
    completedCount: required.filter((l) => l.complete).length,
    finalQuiz: final ? { ...final, passed: finalPassed } : null,
    allDone: required.every((l) => l.complete) && (!final || finalPassed),
    next,
    completedAt: enrollment.completedAt,
    activeSeconds: rows.reduce((sum, r) => sum + r.activeSeconds, 0),
  };
}

async function finalPassedFor(userId: string, course: Course) {
  const final = finalQuiz(course);
  if (!final) return false;
  return (await db.quizAttempt.count({ where: { userId, courseSlug: course.slug, quizId: final.id, passed: true } })) > 0;
}

/** The learner's progress in a course, or null when not enrolled. Three queries. */
export async function courseProgress({ userId, courseSlug }: { userId: string; courseSlug: string }) {
  const course = getCourse(courseSlug);
  if (!course) return null;
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseSlug: { userId, courseSlug } }, select: enrollmentColumns });
  if (!enrollment || enrollment.unenrolledAt) return null;
  const [rows, finalPassed] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId, courseSlug }, select: progressColumns }),
    finalPassedFor(userId, course),
  ]);
  return summarise(course, enrollment, rows, finalPassed);
}

export async function enroll({ userId, courseSlug, source = "self" }: { userId: string; courseSlug: string; source?: "self" | "assignment" }) {
  const course = getCourse(courseSlug);
  if (!course) return { error: "notFound" } as const;
  await db.enrollment.upsert({
    where: { userId_courseSlug: { userId, courseSlug } },
    create: {
      userId,
      courseSlug,
      source,
      courseVersion: course.meta.version,
      lessonsAtStart: JSON.stringify(course.lessons.map((l) => l.slug)),
    },
    // Enrolling again reopens the same enrolment: history and "new" lessons stay as they were.
    update: { unenrolledAt: null },
  });
  return { ok: true } as const;
}

/** Leaves the course; progress and completion are kept, and come back on enrolling again. */
export async function unenroll({ userId, courseSlug }: { userId: string; courseSlug: string }) {
  await db.enrollment.updateMany({ where: { userId, courseSlug, unenrolledAt: null }, data: { unenrolledAt: new Date() } });
}

export type ProgressError = { error: "notFound" | "notEnrolled" };

function findLesson(courseSlug: string, lessonSlug: string) {
  const course = getCourse(courseSlug);
  const lesson = course?.lessons.find((l) => l.slug === lessonSlug);
  return course && lesson ? { course, lesson } : null;
}

type Tx = Prisma.TransactionClient;

/**
 * The seconds before `now` that may still be credited to the learner: those
 * after the instant up to which their time has been credited, whatever the
 * lesson or tab. Infinity when none has been yet. Read inside the
 * transaction that credits, so two requests cannot both spend the same
 * seconds (see docs/decisions/0014-credited-time.md).
 */
async function uncreditedSeconds(tx: Tx, userId: string, now: Date) {
  const user = await tx.user.findUnique({ where: { id: userId }, select: { timeCreditedUntil: true } });
  if (!user) return 0;
  if (!user.timeCreditedUntil) return Infinity;
  return Math.max(0, Math.floor((now.getTime() - user.timeCreditedUntil.getTime()) / 1000));
}

/** Counts seconds just credited to a lesson towards the day, and moves the learner's clock to `now`. */
async function creditToLearner(tx: Tx, userId: string, now: Date, seconds: number) {
  await tx.user.update({ where: { id: userId }, data: { timeCreditedUntil: now } });
  const day = vietnamDay(now);
  await tx.learningDay.upsert({ where: { userId_day: { userId, day } }, create: { userId, day, seconds }, update: { seconds: { increment: seconds } } });
}

/**
 * Stamps a lesson complete, once however many requests race to it, and
 * credits it with up to `upTo` seconds that the learner's clock still has:
 * only the request whose stamp lands credits.
 */
async function completeLesson({ userId, courseSlug, lessonSlug, now, upTo }: { userId: string; courseSlug: string; lessonSlug: string; now: Date; upTo: number }) {
  const where = { userId, courseSlug, lessonSlug, completedAt: null };
  // Nothing to credit, as for a lesson complete on opening: one statement on the lesson page's path.
  if (upTo <= 0) {
    await db.lessonProgress.updateMany({ where, data: { completedAt: now } });
    return;
  }
  await db.$transaction(async (tx) => {
    const add = Math.min(upTo, await uncreditedSeconds(tx, userId, now));
    const completed = await tx.lessonProgress.updateMany({ where, data: { completedAt: now, activeSeconds: { increment: add } } });
    if (completed.count === 1 && add > 0) await creditToLearner(tx, userId, now, add);
  });
}

/**
 * Records something the learner did in a lesson, then completes the lesson
 * and the course if their rules are now met. Safe to repeat and to run
 * twice at once: timestamps are only ever set when empty, and the course's
 * completion is one conditional update.
 */
async function record(
  { userId, courseSlug, lessonSlug, now = new Date() }: { userId: string; courseSlug: string; lessonSlug: string; now?: Date },
  what: "viewedAt" | "markedAt" | "quizPassedAt",
): Promise<ProgressError | { ok: true; lessonComplete: boolean; courseCompleted: boolean; summary: ReturnType<typeof summarise> }> {
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return { error: "notFound" };
  const { course, lesson } = found;
  const enrollment = await db.enrollment.findUnique({ where: { userId_courseSlug: { userId, courseSlug } }, select: enrollmentColumns });
  if (!enrollment || enrollment.unenrolledAt) return { error: "notEnrolled" };

  const key = { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } };
  // The no-op update is on purpose: with an empty one Prisma reads, then inserts, inside a
  // transaction; with it Prisma sends a single INSERT … ON CONFLICT.
  await db.lessonProgress.upsert({ where: key, create: { userId, courseSlug, lessonSlug, [what]: now }, update: { lessonSlug } });
  // Only the first time counts: a replay finds the field set and changes nothing.
  await db.lessonProgress.updateMany({ where: { userId, courseSlug, lessonSlug, [what]: null }, data: { [what]: now } });

  const [rows, finalPassed] = await Promise.all([
    db.lessonProgress.findMany({ where: { userId, courseSlug }, select: progressColumns }),
    finalPassedFor(userId, course),
  ]);
  const summary = summarise(course, enrollment, rows, finalPassed);
  const state = summary.lessons.find((l) => l.slug === lessonSlug);
  const row = rows.find((r) => r.lessonSlug === lessonSlug);
  if (state?.complete && row && !row.completedAt) {
    // Without JavaScript no time is measured, but the server saw the time from the first view to
    // now: count it, up to the lesson's estimated minutes. A lesson complete on opening saw none
    // and counts none (docs/decisions/0014-credited-time.md).
    const sinceView = row.viewedAt ? Math.floor((now.getTime() - row.viewedAt.getTime()) / 1000) : 0;
    await completeLesson({ userId, courseSlug, lessonSlug, now, upTo: Math.min(lesson.minutes * 60 - row.activeSeconds, sinceView) });
  }
  let courseCompleted = false;
  if (summary.allDone && !enrollment.completedAt) {
    courseCompleted = await completeCourse({ userId, course, enrollmentId: enrollment.id, now });
  }
  await db.enrollment.update({ where: { id: enrollment.id }, data: { lastLessonSlug: lessonSlug, lastActiveAt: now } });
  return { ok: true, lessonComplete: Boolean(state?.complete), courseCompleted, summary: { ...summary, completedAt: enrollment.completedAt ?? (courseCompleted ? now : null) } };
}

/**
 * Records the course's completion once, and issues its certificate in the
 * same transaction: racing last actions, a retry or a double tap complete
 * the course once and give one certificate.
 */
async function completeCourse({ userId, course, enrollmentId, now }: { userId: string; course: Course; enrollmentId: string; now: Date }) {
  return db.$transaction(async (tx) => {
    const done = await tx.enrollment.updateMany({ where: { id: enrollmentId, completedAt: null }, data: { completedAt: now } });
    if (done.count !== 1) return false;
    if (course.meta.certificate.enabled) {
      await issueCertificate(tx, { userId, course, finalQuizId: finalQuiz(course)?.id ?? null, completedAt: now });
    }
    return true;
  });
}

export const recordView = (input: { userId: string; courseSlug: string; lessonSlug: string; now?: Date }) => record(input, "viewedAt");
export const markComplete = (input: { userId: string; courseSlug: string; lessonSlug: string; now?: Date }) => record(input, "markedAt");
/**
 * A passed quiz: a lesson quiz completes a "quiz" lesson; the final quiz
 * only counts towards the course (checked from the attempts themselves).
 */
export const recordQuizPassed = ({ final, ...input }: { userId: string; courseSlug: string; lessonSlug: string; final: boolean; now?: Date }) =>
  record(input, final ? "viewedAt" : "quizPassedAt");


/** Longest a single report of active time may add: the page reports every 30 seconds. */
export const MAX_REPORT_SECONDS = 60;

/**
 * Adds active learning time to a lesson, as reported by the page while it
 * is visible and the learner is interacting. A lesson counts at most twice
 * its estimated minutes, so a tab left open does not make hours, and a
 * report counts no more than the time that has passed since the learner's
 * time was last credited, by the server's clock: a burst of reports, two
 * tabs, or every lesson reporting at once count the minutes that went by,
 * not the reports.
 */
export async function addActiveTime({ userId, courseSlug, lessonSlug, seconds, now = new Date() }: { userId: string; courseSlug: string; lessonSlug: string; seconds: number; now?: Date }) {
  const found = findLesson(courseSlug, lessonSlug);
  if (!found) return { error: "notFound" } as const;
  const enrolled = await db.enrollment.count({ where: { userId, courseSlug, unenrolledAt: null } });
  if (!enrolled) return { error: "notEnrolled" } as const;
  const cap = found.lesson.minutes * 60 * 2;
  const key = { userId_courseSlug_lessonSlug: { userId, courseSlug, lessonSlug } };
  const added = await db.$transaction(async (tx) => {
    const free = await uncreditedSeconds(tx, userId, now);
    const row = await tx.lessonProgress.findUnique({ where: key, select: { activeSeconds: true } });
    const add = Math.max(0, Math.min(Math.floor(seconds), MAX_REPORT_SECONDS, free, cap - (row?.activeSeconds ?? 0)));
    // Nothing to count, nothing to write: a burst costs its reads only.
    if (add === 0) return 0;
    await tx.lessonProgress.upsert({ where: key, create: { userId, courseSlug, lessonSlug, activeSeconds: add }, update: { activeSeconds: { increment: add } } });
    await creditToLearner(tx, userId, now, add);
    return add;
  });
  return { ok: true, added } as const;
}

/** Everything /me shows. Five queries, whatever the number of courses. */
export async function dashboard({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const year = vietnamDay(now).slice(0, 4);
  const [enrollments, rows, passes, recent, days] = await Promise.all([
    db.enrollment.findMany({ where: { userId, unenrolledAt: null }, select: { ...enrollmentColumns, courseSlug: true, lastActiveAt: true }, orderBy: { lastActiveAt: "desc" } }),
    db.lessonProgress.findMany({ where: { userId }, select: { ...progressColumns, courseSlug: true } }),
    db.quizAttempt.findMany({ where: { userId, passed: true }, select: { courseSlug: true, quizId: true }, distinct: ["courseSlug", "quizId"] }),
    db.quizAttempt.findMany({
      where: { userId, submittedAt: { not: null }, outcome: { not: "superseded" } },
      select: { courseSlug: true, lessonSlug: true, quizId: true, score: true, passed: true, submittedAt: true, id: true },
      orderBy: { submittedAt: "desc" },
      take: 5,
    }),
    db.learningDay.aggregate({ where: { userId, day: { startsWith: year } }, _sum: { seconds: true } }),
  ]);
  const courses = enrollments.flatMap((enrollment) => {
    const course = getCourse(enrollment.courseSlug);
    if (!course) return [];
    const final = finalQuiz(course);
    const finalPassed = Boolean(final && passes.some((p) => p.courseSlug === course.slug && p.quizId === final.id));
    const summary = summarise(course, enrollment, rows.filter((r) => r.courseSlug === course.slug), finalPassed);
    return [{ slug: course.slug, title: course.meta.title, enrolledAt: enrollment.enrolledAt, ...summary }];
  });
  return {
    inProgress: courses.filter((c) => !c.completedAt),
    completed: courses.filter((c) => c.completedAt),
    recentQuizzes: recent.map((a) => {
      const course = getCourse(a.courseSlug);
      const lesson = course?.lessons.find((l) => l.slug === a.lessonSlug);
      const quiz = lesson?.quizzes.find((q) => q.id === a.quizId);
      return {
        id: a.id,
        courseTitle: course?.meta.title ?? a.courseSlug,
        lessonSlug: a.lessonSlug,
        courseSlug: a.courseSlug,
        title: quiz?.settings.title ?? lesson?.title ?? a.quizId,
        score: a.score ?? 0,
        passed: a.passed ?? false,
        submittedAt: a.submittedAt,
      };
    }),
    secondsThisYear: days._sum.seconds ?? 0,
    year,
  };
}
