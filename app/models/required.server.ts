/**
 * What a learner sees of the courses their unit requires of them.
 *
 * A course is required while the learner has a `LearnerAssignment` for it
 * that has not ended, from an assignment that has not been withdrawn. Several
 * assignments may require the same course (the province and the commune,
 * say): the learner sees it once, with the earliest due date. Completion is
 * the learner's `Enrollment.completedAt`, whenever it happened.
 *
 * Both readers are one statement each: the catalogue and the course page call
 * `courseMarks` on every signed-in visit, and Prisma would spend a statement
 * per relation (it has no joins on SQLite), so they are written in SQL.
 */
import { getCourse } from "~/models/course.server";
import { db } from "~/utils/db.server";

export type RequiredState = "done" | "done late" | "overdue" | "due soon" | "open";

/** A required course is "due soon" this many days before its due date. */
export const DUE_SOON_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Dates read by raw SQL come back as Date, ISO text or epoch milliseconds
 * depending on the column's declared type and on who wrote the row; one
 * reading of all three.
 */
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * `dueAt` is the last instant of the due day in Vietnam: a course due on
 * 15/01/2027 is overdue from 00:00 on the 16th, Vietnam time.
 */
export function requiredState({ dueAt, completedAt, now }: { dueAt: Date; completedAt: Date | null; now: Date }): RequiredState {
  if (completedAt) return completedAt.getTime() > dueAt.getTime() ? "done late" : "done";
  if (now.getTime() > dueAt.getTime()) return "overdue";
  if (dueAt.getTime() - now.getTime() <= DUE_SOON_DAYS * DAY_MS) return "due soon";
  return "open";
}

type RequiredRow = { slug: string; dueAt: unknown; enrolled: unknown; completedAt: unknown; shares: unknown };

export type RequiredCourse = {
  slug: string;
  title: string;
  dueAt: Date;
  state: RequiredState;
  /** Enrolled now (not left). */
  enrolled: boolean;
  completedAt: Date | null;
};

const stateOrder: Record<RequiredState, number> = { overdue: 0, "due soon": 1, open: 2, "done late": 3, done: 4 };

/**
 * The learner's required courses, most urgent first (overdue, then by due
 * date; completed ones last), and whether they share their progress with
 * their unit (Consent "share-with-unit"). One query. A course no longer in
 * the content is left out: there is nothing the learner could open.
 */
export async function myRequiredCourses({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const rows = await db.$queryRaw<RequiredRow[]>`
    SELECT la.courseSlug AS slug, la.dueAt AS dueAt,
           (e.id IS NOT NULL AND e.unenrolledAt IS NULL) AS enrolled, e.completedAt AS completedAt,
           (SELECT c.granted FROM Consent c WHERE c.userId = la.userId AND c.purpose = 'share-with-unit') AS shares
    FROM LearnerAssignment la
    JOIN Assignment a ON a.id = la.assignmentId
    LEFT JOIN Enrollment e ON e.userId = la.userId AND e.courseSlug = la.courseSlug
    WHERE la.userId = ${userId} AND la.endedAt IS NULL AND a.withdrawnAt IS NULL`;

  const bySlug = new Map<string, RequiredCourse>();
  for (const row of rows) {
    const dueAt = toDate(row.dueAt);
    if (!dueAt) continue;
    const known = bySlug.get(row.slug);
    if (known) {
      if (dueAt < known.dueAt) known.dueAt = dueAt;
      continue;
    }
    const course = getCourse(row.slug);
    if (!course) continue;
    bySlug.set(row.slug, {
      slug: row.slug,
      title: course.meta.title,
      dueAt,
      state: "open",
      enrolled: Boolean(Number(row.enrolled)),
      completedAt: toDate(row.completedAt),
    });
  }
  const courses = [...bySlug.values()]
    .map((c) => ({ ...c, state: requiredState({ dueAt: c.dueAt, completedAt: c.completedAt, now }) }))
    .sort((a, b) => stateOrder[a.state] - stateOrder[b.state] || a.dueAt.getTime() - b.dueAt.getTime() || a.title.localeCompare(b.title, "vi"));
  // No rows, no consent read: the note about sharing is only for learners with required courses.
  const sharesWithUnit = rows.some((r) => Boolean(Number(r.shares)));
  return { courses, sharesWithUnit };
}

type Progress = { completedCount: number; requiredCount: number; next: { slug: string; title: string } | null; finalQuiz: { id: string; lessonSlug: string; passed: boolean } | null };

/**
 * Joins the progress /me has already read (progress.server's `dashboard`)
 * to the required courses the learner is enrolled in. No query.
 */
export function withProgress<C extends RequiredCourse>(courses: C[], progress: Array<Progress & { slug: string }>) {
  const bySlug = new Map(progress.map((p) => [p.slug, p]));
  return courses.map((course) => {
    const p = course.enrolled ? bySlug.get(course.slug) : undefined;
    return {
      ...course,
      progress: p
        ? {
            completedCount: p.completedCount,
            requiredCount: p.requiredCount,
            next: p.next ? { slug: p.next.slug, title: p.next.title } : null,
            finalQuiz: p.finalQuiz ? { id: p.finalQuiz.id, lessonSlug: p.finalQuiz.lessonSlug, passed: p.finalQuiz.passed } : null,
          }
        : null,
    };
  });
}

/** `overdue`: required, not completed, and past its (earliest) due date. */
export type CourseMark = { enrolled: boolean; completed: boolean; requiredDue: Date | null; overdue: boolean };

type MarkRow = { slug: string; enrolled: unknown; completed: unknown; dueAt: unknown };

/**
 * Per course slug, what the catalogue and the course page mark for the
 * learner: enrolled, completed, and required with the earliest due date.
 * Courses with none of these are absent. One query; `courseSlug` narrows it
 * to one course.
 */
export async function courseMarks({
  userId,
  courseSlug,
  now = new Date(),
}: {
  userId: string;
  courseSlug?: string;
  now?: Date;
}): Promise<Record<string, CourseMark>> {
  // No slug, every course: coalesce(NULL, column) compares the column with itself.
  const slug = courseSlug ?? null;
  const rows = await db.$queryRaw<MarkRow[]>`
    SELECT la.courseSlug AS slug, 0 AS enrolled, 0 AS completed, la.dueAt AS dueAt
    FROM LearnerAssignment la
    JOIN Assignment a ON a.id = la.assignmentId
    WHERE la.userId = ${userId} AND la.endedAt IS NULL AND a.withdrawnAt IS NULL AND la.courseSlug = coalesce(${slug}, la.courseSlug)
    UNION ALL
    SELECT e.courseSlug, e.unenrolledAt IS NULL, e.completedAt IS NOT NULL, NULL
    FROM Enrollment e
    WHERE e.userId = ${userId} AND e.courseSlug = coalesce(${slug}, e.courseSlug)`;

  const marks: Record<string, CourseMark> = {};
  for (const row of rows) {
    const mark = (marks[row.slug] ??= { enrolled: false, completed: false, requiredDue: null, overdue: false });
    if (Number(row.enrolled)) mark.enrolled = true;
    if (Number(row.completed)) mark.completed = true;
    const due = toDate(row.dueAt);
    if (due && (!mark.requiredDue || due < mark.requiredDue)) mark.requiredDue = due;
  }
  for (const mark of Object.values(marks)) mark.overdue = Boolean(mark.requiredDue && !mark.completed && now > mark.requiredDue);
  return marks;
}
