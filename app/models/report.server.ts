/**
 * The required-training report: for a unit in the manager's scope, how its
 * people do on the courses required of them, by sub-unit, with drill-down to
 * the people. The page and both exports call the same functions here, so the
 * numbers on screen and in a file are the same numbers.
 *
 * What counts: a LearnerAssignment whose assignment is not withdrawn and
 * which has not ended (or ended after it was completed). One person and one
 * course count once, however many assignments require it of them (the
 * earliest due date applies; one required both by name and through a unit
 * counts under the unit).
 *
 * Where it counts, as the manager chooses:
 * - "at-time" (default): under the unit the person was in when they were
 *   given the course (LearnerAssignment.unitId), even if they have since
 *   moved or the unit has since merged. What a unit was asked to do, and did.
 * - "current": under the unit in force that took that unit over
 *   (`currentUnit`: a merged commune's rows count under the new commune).
 *   What today's units answer for.
 *
 * Rows are the unit's direct children, each adding up its whole subtree
 * (path prefix), plus one row for people placed directly in the unit itself.
 * "People" in a row are the people with at least one counted course there;
 * a person counted in two rows (moved between them) is in both, so the
 * totals row is the exact sum of the rows, column by column.
 *
 * Nothing about one person is shown unless they consented to share their
 * learning with their unit ("share-with-unit"): the others are only counted.
 *
 * The aggregation is one SQL statement over indexed lookups; nothing is
 * loaded into JavaScript row by row, except the people-level lists, which
 * are read in pages (keyset) so exports stream.
 */
import { Prisma } from "~/generated/prisma/client";
import { getCourse, listCourses } from "~/models/course.server";
import { listUnits, currentUnit, type UnitOption } from "~/models/org.server";
import { finalQuiz } from "~/models/progress.server";
import { unitInScope } from "~/models/scope.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export type Grouping = "at-time" | "current";
export const groupings: readonly Grouping[] = ["at-time", "current"];

export type ReportQuery = {
  unitId: string | null;
  course: string | null;
  /** YYYY-MM-DD, Vietnam's calendar: due on or after this day. */
  from: string | null;
  /** YYYY-MM-DD: due on or before this day. */
  to: string | null;
  position: string | null;
  group: Grouping;
};

export type ReportQueryError = "report.badCourse" | "report.badDate" | "report.badPeriod" | "report.badPosition" | "report.badGroup";

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;

function validDay(value: string) {
  if (!dayPattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The report's query parameters, as the filter form (GET) sends them. Empty
 * fields are no filter. Anything else that is not valid comes back as an
 * error with the values as typed, so the page can show both.
 */
export function parseReportQuery(params: URLSearchParams): { query: ReportQuery; errors: ReportQueryError[]; typed: Record<"unit" | "course" | "from" | "to" | "position" | "group", string> } {
  const read = (name: string) => (params.get(name) ?? "").trim().slice(0, 200);
  const typed = { unit: read("unit"), course: read("course"), from: read("from"), to: read("to"), position: read("position"), group: read("group") };
  const errors: ReportQueryError[] = [];
  const course = typed.course || null;
  if (course && !getCourse(course)) errors.push("report.badCourse");
  const from = typed.from || null;
  const to = typed.to || null;
  if ((from && !validDay(from)) || (to && !validDay(to))) errors.push("report.badDate");
  else if (from && to && from > to) errors.push("report.badPeriod");
  const position = typed.position.normalize("NFC") || null;
  // One line of text: control characters are no position anyone holds.
  if (position && /[\u0000-\u001f\u007f\ufffd]/.test(position)) errors.push("report.badPosition");
  const group = (groupings as readonly string[]).includes(typed.group) ? (typed.group as Grouping) : typed.group ? null : "at-time";
  if (!group) errors.push("report.badGroup");
  return {
    query: { unitId: typed.unit || null, course: errors.includes("report.badCourse") ? null : course, from, to, position, group: group ?? "at-time" },
    errors,
    typed,
  };
}

/** The same query as URL parameters, for links (drill-down, exports) that keep the filters. */
export function reportSearch(query: ReportQuery, overrides: Partial<Record<"unit" | "view" | "page", string | null>> = {}) {
  const params = new URLSearchParams();
  const set = (name: string, value: string | null | undefined) => {
    if (value) params.set(name, value);
  };
  set("unit", overrides.unit === undefined ? query.unitId : overrides.unit);
  set("course", query.course);
  set("from", query.from);
  set("to", query.to);
  set("position", query.position);
  if (query.group !== "at-time") set("group", query.group);
  set("view", overrides.view);
  set("page", overrides.page);
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** The start of a Vietnam-calendar day, as an instant. */
const dayStart = (day: string) => new Date(`${day}T00:00:00+07:00`);
const nextDayStart = (day: string) => new Date(dayStart(day).getTime() + 86_400_000);

type Counts = {
  people: number;
  assigned: number;
  notShared: number;
  started: number;
  completed: number;
  overdue: number;
  /** Sum and number of best final-quiz scores among completed pairs, so averages of sums stay exact. */
  scoreSum: number;
  scored: number;
  certificates: number;
  seconds: number;
};

export type ReportRow = Counts & {
  /** The sub-unit; null for the row of people placed directly in the unit itself. */
  unit: { id: string; name: string; hasChildren: boolean } | null;
  averageScore: number | null;
  hours: number;
};

const zero: Counts = { people: 0, assigned: 0, notShared: 0, started: 0, completed: 0, overdue: 0, scoreSum: 0, scored: 0, certificates: 0, seconds: 0 };

function finish(counts: Counts) {
  return {
    ...counts,
    averageScore: counts.scored ? Math.round((counts.scoreSum / counts.scored) * 10) / 10 : null,
    hours: Math.round((counts.seconds / 3600) * 10) / 10,
  };
}

/**
 * For "current" grouping, the units that ended and the path of the unit in
 * force that took each over; empty "at the time" (every unit is its own).
 * A short list (merged units only), so it is read through a small
 * materialised table rather than mapped row by row.
 */
async function movedPaths(group: Grouping): Promise<string> {
  if (group === "at-time") return "[]";
  const pairs: [string, string][] = [];
  for (const unit of await listUnits()) {
    const current = await currentUnit(unit.id);
    if (current && current.id !== unit.id) pairs.push([unit.id, current.path]);
  }
  return JSON.stringify(pairs);
}

/** Each course's final quiz, as a CASE on the course, for "best final score". */
function finalQuizCase(): Prisma.Sql {
  const whens: Prisma.Sql[] = [];
  for (const card of listCourses()) {
    const course = getCourse(card.slug);
    const final = course ? finalQuiz(course) : null;
    if (final) whens.push(Prisma.sql`WHEN ${card.slug} THEN ${final.id}`);
  }
  return whens.length ? Prisma.sql`CASE p.courseSlug ${Prisma.join(whens, " ")} END` : Prisma.sql`NULL`;
}

/**
 * The counted learner-course pairs under a unit path, with the bucket (the
 * direct child's id, or "" for the unit itself) each counts in. Cheap
 * columns only; the detail columns are computed on what is selected from it.
 */
async function pairsSql(rootPath: string, query: ReportQuery, now: Date, userIds?: string[]) {
  const filters: Prisma.Sql[] = [];
  // A batch of the people list: its people only, found through the index on userId.
  if (userIds) filters.push(userIds.length ? Prisma.sql`la.userId IN (${Prisma.join(userIds)})` : Prisma.sql`0`);
  if (query.course) filters.push(Prisma.sql`la.courseSlug = ${query.course}`);
  if (query.from) filters.push(Prisma.sql`la.dueAt >= ${dayStart(query.from)}`);
  if (query.to) filters.push(Prisma.sql`la.dueAt < ${nextDayStart(query.to)}`);
  if (query.position) filters.push(Prisma.sql`la.position = ${query.position}`);
  const where = filters.length ? Prisma.sql`AND ${Prisma.join(filters, " AND ")}` : Prisma.empty;
  const prefixLength = rootPath.length;
  // "Current": a merged unit's rows take the path of the unit that took it over (a short, materialised list).
  const movedList = await movedPaths(query.group);
  const moved =
    movedList === "[]"
      ? Prisma.empty
      : Prisma.sql`moved(id, path) AS MATERIALIZED (SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(${movedList})),`;
  const pathOf = movedList === "[]" ? Prisma.sql`COALESCE(un.path, '/')` : Prisma.sql`COALESCE((SELECT m.path FROM moved m WHERE m.id = la.unitId), un.path, '/')`;
  // People given a course by name, with no unit, belong to the whole country only.
  return Prisma.sql`
    ${moved}
    counted AS (
      SELECT la.userId, la.courseSlug, la.dueAt, ${pathOf} AS path
      FROM LearnerAssignment la
      JOIN Assignment a ON a.id = la.assignmentId AND a.withdrawnAt IS NULL
      LEFT JOIN Unit un ON un.id = la.unitId
      WHERE substr(${pathOf}, 1, ${prefixLength}) = ${rootPath}
        AND (la.endedAt IS NULL OR EXISTS (SELECT 1 FROM Enrollment e WHERE e.userId = la.userId AND e.courseSlug = la.courseSlug AND e.completedAt IS NOT NULL))
        ${where}
    ),
    pairs AS (
      SELECT userId, courseSlug, MIN(dueAt) AS dueAt, MAX(path) AS path,
        CASE WHEN MAX(path) = ${rootPath} THEN '' ELSE substr(MAX(path), ${prefixLength + 1}, instr(substr(MAX(path), ${prefixLength + 1}), '/') - 1) END AS bucket,
        EXISTS (SELECT 1 FROM Consent c WHERE c.userId = counted.userId AND c.purpose = 'share-with-unit' AND c.granted = 1) AS shared
      FROM counted GROUP BY userId, courseSlug
    ),
    -- Materialised: "detailed" reads lessonSeconds twice, and the subquery must run once per pair, not twice.
    looked AS MATERIALIZED (
      SELECT p.*, e.completedAt,
        (e.completedAt IS NULL AND p.dueAt < ${now}) AS overdue,
        CASE WHEN e.completedAt IS NOT NULL THEN (
          SELECT MAX(q.score) FROM QuizAttempt q
          WHERE q.userId = p.userId AND q.courseSlug = p.courseSlug AND q.quizId = ${finalQuizCase()} AND q.passed = 1
        ) END AS score,
        -- Certificates are issued on completion: no lookup for the others.
        CASE WHEN e.completedAt IS NOT NULL THEN EXISTS (
          SELECT 1 FROM Certificate c WHERE c.userId = p.userId AND +c.courseSlug = p.courseSlug
            AND c.revokedAt IS NULL AND c.replacedById IS NULL AND (c.expiresAt IS NULL OR c.expiresAt > ${now})
        ) ELSE 0 END AS certified,
        -- Null when the learner has opened no lesson: one lookup gives both "started" and the hours.
        (SELECT SUM(lp.activeSeconds) FROM LessonProgress lp WHERE lp.userId = p.userId AND lp.courseSlug = p.courseSlug) AS lessonSeconds
      FROM pairs p LEFT JOIN Enrollment e ON e.userId = p.userId AND e.courseSlug = p.courseSlug
    ),
    detailed AS (
      SELECT *, (completedAt IS NOT NULL OR lessonSeconds IS NOT NULL) AS started, COALESCE(lessonSeconds, 0) AS seconds FROM looked
    )`;
}

type Resolved = { unit: UnitOption | null; rootPath: string; breadcrumbs: { id: string | null; name: string }[] };

/** The unit asked for, in the actor's scope (403/404 from the scope module), and the way back up to the scope's top. */
async function resolveUnit(actor: Pick<SessionUser, "role" | "managedUnitId">, unitId: string | null): Promise<Resolved> {
  const { scope, unit } = await unitInScope(actor, unitId);
  const units = await listUnits();
  const byId = new Map(units.map((u) => [u.id, u]));
  const breadcrumbs: { id: string | null; name: string }[] = [];
  for (let u = unit ?? undefined; u; u = u.parentId ? byId.get(u.parentId) : undefined) {
    breadcrumbs.unshift({ id: u.id, name: u.name });
    if (!scope.all && u.id === scope.roots[0].id) break;
  }
  // An admin's top is the whole country, named by the page.
  if (scope.all) breadcrumbs.unshift({ id: null, name: "" });
  return { unit, rootPath: unit?.path ?? "/", breadcrumbs };
}

/**
 * The report for a unit in scope: one row per direct child (its whole
 * subtree), one for the unit itself, and the totals, their exact sum.
 */
export async function requiredTrainingReport({ actor, query, now = new Date() }: { actor: Pick<SessionUser, "role" | "managedUnitId">; query: ReportQuery; now?: Date }) {
  const resolved = await resolveUnit(actor, query.unitId);
  const sql = Prisma.sql`
    WITH ${await pairsSql(resolved.rootPath, query, now)}
    SELECT bucket,
      COUNT(DISTINCT userId) AS people,
      COUNT(*) AS assigned,
      SUM(NOT shared) AS notShared,
      SUM(started) AS started,
      SUM(completedAt IS NOT NULL) AS completed,
      SUM(overdue) AS overdue,
      COALESCE(SUM(score), 0) AS scoreSum,
      COUNT(score) AS scored,
      SUM(certified) AS certificates,
      SUM(seconds) AS seconds
    FROM detailed GROUP BY bucket`;
  const found = await db.$queryRaw<Array<Record<keyof Counts, number | bigint> & { bucket: string }>>(sql);
  const byBucket = new Map(found.map((r) => [r.bucket, Object.fromEntries(Object.keys(zero).map((k) => [k, Number(r[k as keyof Counts] ?? 0)])) as Counts]));

  const units = await listUnits();
  const parentOf = resolved.unit?.id ?? null;
  const children = units.filter((u) => (parentOf ? u.parentId === parentOf : u.depth === 0));
  const withChildren = new Set(units.map((u) => u.parentId).filter(Boolean));
  const rows: ReportRow[] = [];
  for (const child of children) {
    const counts = byBucket.get(child.id);
    byBucket.delete(child.id);
    // Units no longer in force appear only while rows still count under them ("at the time").
    if (!counts && (child.validTo || child.successorId)) continue;
    rows.push({ unit: { id: child.id, name: child.name, hasChildren: withChildren.has(child.id) }, ...finish(counts ?? zero) });
  }
  const own = byBucket.get("");
  byBucket.delete("");
  // Anything left names a unit the tree no longer lists: counted with the unit itself, never dropped.
  const ownCounts = [own, ...byBucket.values()].filter((c): c is Counts => Boolean(c)).reduce(add, { ...zero });
  if (own || byBucket.size || resolved.unit) rows.push({ unit: null, ...finish(ownCounts) });
  const totals = finish(rows.reduce((sum, row) => add(sum, row), { ...zero }));
  return { unit: resolved.unit, breadcrumbs: resolved.breadcrumbs, rows, totals, query };
}

function add(a: Counts, b: Counts): Counts {
  const out = { ...a };
  for (const key of Object.keys(zero) as (keyof Counts)[]) out[key] = a[key] + b[key];
  return out;
}

export type PersonCourseRow = {
  userId: string;
  fullName: string;
  position: string | null;
  unitName: string;
  courseSlug: string;
  courseTitle: string;
  dueAt: Date;
  state: "completed" | "overdue" | "started" | "notStarted";
  completedAt: Date | null;
  score: number | null;
  certified: boolean;
  hours: number;
};

type PairDetail = { userId: string; courseSlug: string; dueAt: Date | string; path: string; completedAt: Date | string | null; started: number; overdue: number; score: number | null; certified: number; seconds: number };

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

async function unitNames() {
  const units = await listUnits();
  return new Map(units.map((u) => [u.path, u.name]));
}

function toPersonRows(pairs: PairDetail[], people: Map<string, { fullName: string; position: string | null }>, names: Map<string, string>): PersonCourseRow[] {
  return pairs.map((p) => {
    const completedAt = p.completedAt ? asDate(p.completedAt) : null;
    const person = people.get(p.userId);
    return {
      userId: p.userId,
      fullName: person?.fullName ?? "",
      position: person?.position ?? null,
      unitName: names.get(p.path) ?? "",
      courseSlug: p.courseSlug,
      courseTitle: getCourse(p.courseSlug)?.meta.title ?? p.courseSlug,
      dueAt: asDate(p.dueAt),
      state: completedAt ? "completed" : Number(p.overdue) ? "overdue" : Number(p.started) ? "started" : "notStarted",
      completedAt,
      score: p.score === null ? null : Number(p.score),
      certified: Boolean(Number(p.certified)),
      hours: Math.round((Number(p.seconds) / 3600) * 10) / 10,
    };
  });
}

/** The counted courses of these people, with their states, in the people's order. */
async function detailsOf(resolved: Resolved, query: ReportQuery, now: Date, people: { id: string; fullName: string; position: string | null }[]) {
  if (people.length === 0) return [];
  const pairs = await db.$queryRaw<PairDetail[]>(Prisma.sql`
    WITH ${await pairsSql(
      resolved.rootPath,
      query,
      now,
      people.map((p) => p.id),
    )}
    SELECT userId, courseSlug, dueAt, path, completedAt, started, overdue, score, certified, seconds FROM detailed`);
  const order = new Map(people.map((p, i) => [p.id, i]));
  pairs.sort((a, b) => order.get(a.userId)! - order.get(b.userId)! || (a.courseSlug < b.courseSlug ? -1 : a.courseSlug > b.courseSlug ? 1 : 0));
  return toPersonRows(pairs, new Map(people.map((p) => [p.id, p])), await unitNames());
}

/** How many people the list covers: those shown (sharing) and those only counted. */
async function peopleCounts(resolved: Resolved, query: ReportQuery, now: Date) {
  const [counts] = await db.$queryRaw<{ shared: number; notShared: number }[]>(Prisma.sql`
    WITH ${await pairsSql(resolved.rootPath, query, now)}
    SELECT COUNT(DISTINCT CASE WHEN shared THEN userId END) AS shared, COUNT(DISTINCT CASE WHEN NOT shared THEN userId END) AS notShared FROM pairs`);
  return { shared: Number(counts?.shared ?? 0), notShared: Number(counts?.notShared ?? 0) };
}

export const PEOPLE_PAGE_SIZE = 50;

/** One page of the people list of a unit's whole subtree: by name, sharing people only, the others counted. */
export async function requiredTrainingPeople({ actor, query, page, now = new Date() }: { actor: Pick<SessionUser, "role" | "managedUnitId">; query: ReportQuery; page: number; now?: Date }) {
  const resolved = await resolveUnit(actor, query.unitId);
  // The page's people and both counts in one statement: the pairs are worked out once.
  const pageOf = async (n: number) => {
    const found = await db.$queryRaw<{ id: string | null; fullName: string; position: string | null; shared: number | bigint; notShared: number | bigint }[]>(Prisma.sql`
      WITH ${await pairsSql(resolved.rootPath, query, now)},
      people AS (SELECT userId, MAX(shared) AS shared FROM pairs GROUP BY userId),
      counts AS (SELECT COALESCE(SUM(shared), 0) AS shared, COALESCE(SUM(NOT shared), 0) AS notShared FROM people)
      SELECT u.id, u.fullName, u.position, counts.shared, counts.notShared
      FROM counts LEFT JOIN (
        SELECT u.id, u.fullName, u.position FROM User u JOIN people p ON p.userId = u.id AND p.shared
        ORDER BY u.fullName, u.id LIMIT ${PEOPLE_PAGE_SIZE} OFFSET ${(n - 1) * PEOPLE_PAGE_SIZE}
      ) u`);
    return {
      people: found.filter((r): r is typeof r & { id: string } => r.id !== null),
      counts: { shared: Number(found[0]?.shared ?? 0), notShared: Number(found[0]?.notShared ?? 0) },
    };
  };
  let found = await pageOf(page);
  const pages = Math.max(1, Math.ceil(found.counts.shared / PEOPLE_PAGE_SIZE));
  const current = Math.min(page, pages);
  // A page past the end (an old link) shows the last one.
  if (current !== page) found = await pageOf(current);
  const counts = found.counts;
  const rows = await detailsOf(resolved, query, now, found.people);
  const people: { userId: string; fullName: string; position: string | null; courses: PersonCourseRow[] }[] = [];
  for (const row of rows) {
    const last = people.at(-1);
    if (last?.userId === row.userId) last.courses.push(row);
    else people.push({ userId: row.userId, fullName: row.fullName, position: row.position, courses: [row] });
  }
  return { unit: resolved.unit, breadcrumbs: resolved.breadcrumbs, people, ...counts, page: current, pages, query };
}

/**
 * Every person-course row of the people list, in batches, for the exports:
 * memory stays that of one batch however many rows there are. The scope is
 * checked before the first row.
 */
export async function peopleRowsForExport({ actor, query, now = new Date(), batchSize = 500 }: { actor: Pick<SessionUser, "role" | "managedUnitId">; query: ReportQuery; now?: Date; batchSize?: number }) {
  const resolved = await resolveUnit(actor, query.unitId);
  const counts = await peopleCounts(resolved, query, now);
  async function* rows(): AsyncGenerator<PersonCourseRow[]> {
    // The people, in name order, once (ids and names only: a few MB for a province); their courses a batch at a time.
    const people = await db.$queryRaw<{ id: string; fullName: string; position: string | null }[]>(Prisma.sql`
      WITH ${await pairsSql(resolved.rootPath, query, now)}
      SELECT u.id, u.fullName, u.position FROM User u WHERE u.id IN (SELECT userId FROM pairs WHERE shared) ORDER BY u.fullName, u.id`);
    for (let start = 0; start < people.length; start += batchSize) yield await detailsOf(resolved, query, now, people.slice(start, start + batchSize));
  }
  return { unit: resolved.unit, ...counts, rows };
}

/**
 * What a manager may see of one person: their courses (required ones first),
 * progress, valid certificates and this year's hours, and nothing else
 * (no contact details, no quiz answers). 404 for no such person; 403 when
 * neither their unit nor any unit they were given a course in is in scope;
 * only a name and "not shared" when they have not consented to share.
 */
export async function personForManager({ actor, userId, now = new Date() }: { actor: Pick<SessionUser, "role" | "managedUnitId">; userId: string; now?: Date }) {
  const notFound = () => new Response("Not found", { status: 404 });
  // An id is a cuid or a seed's slug: anything longer is no one.
  if (userId.length > 100) throw notFound();
  const person = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      fullName: true,
      position: true,
      unitId: true,
      consents: { where: { purpose: "share-with-unit", granted: true }, select: { purpose: true } },
      assignments: { select: { unitId: true, courseSlug: true } },
    },
  });
  if (!person) throw notFound();
  const inScope = async (unitId: string | null) => {
    if (!unitId) return false;
    try {
      await unitInScope(actor, unitId);
      return true;
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      return false;
    }
  };
  // Where the person is now decides: their unit's managers (and admins) see their learning.
  // A manager who held them only in the past sees only the courses required of them there.
  const current = actor.role === "admin" || (await inScope(person.unitId));
  const pastCourses = new Set<string>();
  if (!current) {
    for (const a of person.assignments) if (await inScope(a.unitId)) pastCourses.add(a.courseSlug);
    if (pastCourses.size === 0) throw new Response("Forbidden", { status: 403 });
  }
  const unitName = person.unitId ? ((await listUnits()).find((u) => u.id === person.unitId)?.name ?? "") : "";
  const shown = { id: person.id, fullName: person.fullName, position: person.position, unitName };
  if (person.consents.length === 0) return { person: shown, shared: false as const };
  const visible = (slug: string) => current || pastCourses.has(slug);

  const [enrollments, required, certificates, seconds] = await Promise.all([
    db.enrollment.findMany({ where: { userId, unenrolledAt: null }, select: { courseSlug: true, completedAt: true, enrolledAt: true } }),
    db.learnerAssignment.findMany({
      where: { userId, assignment: { withdrawnAt: null } },
      select: { courseSlug: true, dueAt: true, endedAt: true },
      orderBy: { dueAt: "asc" },
    }),
    db.certificate.findMany({
      where: { userId, revokedAt: null, replacedById: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
      select: { serial: true, courseSlug: true, issuedAt: true, expiresAt: true },
      orderBy: { issuedAt: "desc" },
    }),
    db.lessonProgress.groupBy({ by: ["courseSlug"], where: { userId }, _sum: { activeSeconds: true }, _count: { completedAt: true } }),
  ]);
  const dueBy = new Map<string, Date>();
  for (const r of required) if (!dueBy.has(r.courseSlug) && (!r.endedAt || enrollments.some((e) => e.courseSlug === r.courseSlug && e.completedAt))) dueBy.set(r.courseSlug, r.dueAt);
  const slugs = [...new Set([...dueBy.keys(), ...enrollments.map((e) => e.courseSlug)])].filter(visible);
  const courses = slugs.map((slug) => {
    const course = getCourse(slug);
    const enrollment = enrollments.find((e) => e.courseSlug === slug);
    const progress = seconds.find((s) => s.courseSlug === slug);
    const dueAt = dueBy.get(slug) ?? null;
    const completedAt = enrollment?.completedAt ?? null;
    return {
      slug,
      title: course?.meta.title ?? slug,
      required: Boolean(dueAt),
      dueAt,
      overdue: Boolean(dueAt && !completedAt && dueAt < now),
      lessonsDone: progress?._count.completedAt ?? 0,
      lessons: course?.lessons.length ?? 0,
      completedAt,
      hours: Math.round(((progress?._sum.activeSeconds ?? 0) / 3600) * 10) / 10,
    };
  });
  courses.sort((a, b) => Number(b.required) - Number(a.required) || a.title.localeCompare(b.title, "vi"));
  return {
    person: shown,
    shared: true as const,
    /** False when the manager held the person only in the past: no hours of their learning elsewhere. */
    current,
    courses,
    certificates: certificates.filter((c) => visible(c.courseSlug)).map((c) => ({ ...c, courseTitle: getCourse(c.courseSlug)?.meta.title ?? c.courseSlug })),
  };
}
