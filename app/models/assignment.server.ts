/**
 * Required courses: a manager (within their scope) or an admin makes a course
 * required of a unit and everything under it (optionally only some positions
 * or one learner group), or of named people. Each person it covers gets a
 * LearnerAssignment and an enrolment at once; people who join the unit later
 * get theirs from models/membership.server.ts, through `applyUnitAssignments`.
 *
 * Scope is decided here, with models/scope.server.ts: a unit outside the
 * actor's scope is a 403 whatever the page, form or address that named it.
 */
import { Prisma } from "~/generated/prisma/client";
import { auditEvent } from "~/models/audit.server";
import { getCourse } from "~/models/course.server";
import { findUnit, listUnits, unitSubtree, type UnitOption } from "~/models/org.server";
import { forbidden, inScope, scopeOf, unitInScope, type Scope } from "~/models/scope.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { endOfVietnamDay, vietnamDay } from "~/utils/i18n";
import { parseIdentifier } from "~/utils/phone";
import type { LearnerGroup } from "~/utils/schemas/account";
import type { FieldErrors } from "~/utils/schemas/fields";
import { message } from "~/utils/schemas/fields";
import { foldVietnamese, nfc } from "~/utils/text";

type Tx = Prisma.TransactionClient;
type Actor = Pick<SessionUser, "id" | "role" | "managedUnitId">;

export const DUE_DAYS_MAX = 3650;
/** How many named people one assignment may list: more is a unit's job. */
export const PEOPLE_MAX = 500;

export type AssignmentTarget = { unitId: string; positions?: string[]; learnerGroup?: LearnerGroup } | { people: string[] };
export type AssignmentDue = { date: string } | { days: number };

/** When one person's copy is due: the fixed day's end, or the end of the day `dueDays` after they were given it. */
export function dueAtFor(assignment: { dueDate: Date | null; dueDays: number | null }, givenAt: Date): Date {
  if (assignment.dueDate) return assignment.dueDate;
  const later = new Date(givenAt.getTime() + (assignment.dueDays ?? 0) * 86_400_000);
  return endOfVietnamDay(vietnamDay(later));
}

/** Positions compare as people type them: "Chuyên viên", "chuyên viên" and "chuyen vien" are one position. */
export function positionKey(position: string): string {
  return foldVietnamese(nfc(position).trim().replace(/\s+/g, " "));
}

export function parsePositions(json: string | null): string[] | null {
  if (!json) return null;
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? list.filter((p): p is string => typeof p === "string") : null;
  } catch {
    return null;
  }
}

type Coverage = { unitPath: string; positions: string | null; learnerGroup: string | null };

/** Whether a unit assignment covers someone with this unit, position and group. */
export function covers(assignment: Coverage, person: { unitPath: string | null; position: string | null; learnerGroup: string }): boolean {
  if (!person.unitPath || !person.unitPath.startsWith(assignment.unitPath)) return false;
  if (assignment.learnerGroup && assignment.learnerGroup !== person.learnerGroup) return false;
  const positions = parsePositions(assignment.positions);
  if (positions?.length) {
    const wanted = new Set(positions.map(positionKey));
    if (!person.position || !wanted.has(positionKey(person.position))) return false;
  }
  return true;
}

/**
 * Enrols people in a course because it was required of them: an existing
 * enrolment is kept as it is (progress, completion, its source), one left
 * earlier is reopened, and the others are made with source "assignment".
 * One INSERT…SELECT with an upsert, for the thousands a unit assignment can
 * cover (Prisma's createMany took seconds for 10,000 rows through the adapter).
 */
async function enrolAssigned(tx: Tx, courseSlug: string, { assignmentId, userId }: { assignmentId: string; userId?: string }, now: Date) {
  const course = getCourse(courseSlug);
  // A course removed from the content since: nothing to enrol in; the requirement stays for the reports.
  if (!course) return;
  const lessonsAtStart = JSON.stringify(course.lessons.map((l) => l.slug));
  const onePerson = userId ? Prisma.sql`AND la."userId" = ${userId}` : Prisma.empty;
  // Ids as long as Prisma's cuids, from SQLite's random source: unique is all an id needs here.
  await tx.$executeRaw`
    INSERT INTO "Enrollment" ("id", "userId", "courseSlug", "courseVersion", "lessonsAtStart", "source", "enrolledAt")
    SELECT 'c' || lower(hex(randomblob(12))), la."userId", ${courseSlug}, ${course.meta.version}, ${lessonsAtStart}, 'assignment', ${now}
    FROM "LearnerAssignment" la
    WHERE la."assignmentId" = ${assignmentId} AND la."endedAt" IS NULL ${onePerson}
    ON CONFLICT ("userId", "courseSlug") DO UPDATE SET "unenrolledAt" = NULL WHERE "unenrolledAt" IS NOT NULL`;
}

/**
 * Gives one person every active unit assignment that covers their unit
 * (the unit itself or an ancestor), position and group, and enrols them.
 * A copy they had before (they left and came back) is reopened with a new
 * due date; one still open is left alone. Returns how many were given.
 */
export async function applyUnitAssignments(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const person = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { unitId: true, position: true, learnerGroup: true } });
  const unit = person.unitId ? await findUnit(person.unitId) : undefined;
  if (!unit) return 0;
  const ancestors = unit.path.split("/").filter(Boolean);
  const candidates = await tx.assignment.findMany({
    where: { unitId: { in: ancestors }, withdrawnAt: null },
    select: { id: true, courseSlug: true, positions: true, learnerGroup: true, dueDate: true, dueDays: true, unit: { select: { path: true } }, learners: { where: { userId }, select: { endedAt: true } } },
  });
  let given = 0;
  for (const a of candidates) {
    if (!a.unit || !covers({ unitPath: a.unit.path, positions: a.positions, learnerGroup: a.learnerGroup }, { unitPath: unit.path, position: person.position, learnerGroup: person.learnerGroup })) continue;
    const had = a.learners[0];
    if (had && !had.endedAt) continue;
    const row = { courseSlug: a.courseSlug, unitId: unit.id, position: person.position, assignedAt: now, dueAt: dueAtFor(a, now), endedAt: null };
    await tx.learnerAssignment.upsert({ where: { assignmentId_userId: { assignmentId: a.id, userId } }, create: { assignmentId: a.id, userId, ...row }, update: row });
    await enrolAssigned(tx, a.courseSlug, { assignmentId: a.id, userId }, now);
    given++;
  }
  return given;
}

/**
 * Ends a person's open copies of unit assignments that no longer cover them
 * (they moved out of the unit, or to a position or group it does not ask).
 * Copies already completed stay: what was done stays done. Named-people
 * assignments follow the person and are not touched.
 */
export async function endUncoveredAssignments(tx: Tx, userId: string, now = new Date()): Promise<number> {
  const person = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { unitId: true, position: true, learnerGroup: true } });
  const unit = person.unitId ? await findUnit(person.unitId) : undefined;
  const open = await tx.learnerAssignment.findMany({
    where: { userId, endedAt: null, assignment: { unitId: { not: null } } },
    select: { assignmentId: true, courseSlug: true, assignment: { select: { positions: true, learnerGroup: true, unit: { select: { path: true } } } } },
  });
  const leaving = open.filter(
    (la) =>
      !la.assignment.unit ||
      !covers(
        { unitPath: la.assignment.unit.path, positions: la.assignment.positions, learnerGroup: la.assignment.learnerGroup },
        { unitPath: unit?.path ?? null, position: person.position, learnerGroup: person.learnerGroup },
      ),
  );
  if (leaving.length === 0) return 0;
  const completed = await tx.enrollment.findMany({
    where: { userId, courseSlug: { in: leaving.map((la) => la.courseSlug) }, completedAt: { not: null } },
    select: { courseSlug: true },
  });
  const done = new Set(completed.map((e) => e.courseSlug));
  const ending = leaving.filter((la) => !done.has(la.courseSlug)).map((la) => la.assignmentId);
  if (ending.length === 0) return 0;
  const { count } = await tx.learnerAssignment.updateMany({ where: { userId, assignmentId: { in: ending }, endedAt: null }, data: { endedAt: now } });
  return count;
}

export type CreateAssignmentInput = {
  actor: Actor;
  courseSlug: string;
  target: AssignmentTarget;
  due: AssignmentDue;
  now?: Date;
};

export type CreateAssignmentResult = { ok: true; id: string; assigned: number } | { ok: false; errors: FieldErrors };

/**
 * Makes a course required, and gives it to everyone it covers now. A unit
 * outside the actor's scope is a 403 (thrown); every other problem (no such
 * course or unit, a past date, named people not found in the scope) is a
 * field error for the form to show.
 */
export async function createAssignment({ actor, courseSlug, target, due, now = new Date() }: CreateAssignmentInput): Promise<CreateAssignmentResult> {
  const scope = await scopeOf(actor);
  const errors: FieldErrors = {};
  const course = getCourse(courseSlug);
  if (!course) errors.courseSlug = [message("assign.courseUnknown")];

  let dueDate: Date | null = null;
  let dueDays: number | null = null;
  if ("date" in due) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(due.date) || Number.isNaN(endOfVietnamDay(due.date).getTime()) || vietnamDay(endOfVietnamDay(due.date)) !== due.date) {
      errors.dueDate = [message("assign.dueDateInvalid")];
    } else if (due.date < vietnamDay(now)) {
      errors.dueDate = [message("assign.dueDatePast")];
    } else {
      dueDate = endOfVietnamDay(due.date);
    }
  } else if (!Number.isInteger(due.days) || due.days < 1 || due.days > DUE_DAYS_MAX) {
    errors.dueDays = [message("assign.dueDaysRange", { max: DUE_DAYS_MAX })];
  } else {
    dueDays = due.days;
  }

  let unit: UnitOption | null = null;
  let people: { id: string; unitId: string | null; position: string | null }[] = [];
  if ("unitId" in target) {
    const found = await findUnit(target.unitId);
    if (!found) errors.unitId = [message("assign.unitUnknown")];
    else {
      // Outside the scope is refused outright, before anything else is said about it.
      unit = (await unitInScope(actor, found.id)).unit;
      if (found.validTo) errors.unitId = [message("assign.unitEnded")];
    }
  } else if (target.people.length > PEOPLE_MAX) {
    errors.people = [message("assign.peopleTooMany", { max: PEOPLE_MAX })];
  } else {
    const resolved = await resolvePeople(scope, target.people);
    if (resolved.missing.length) errors.people = [message("assign.peopleNotFound", { list: resolved.missing.join(", ") })];
    else if (resolved.people.length === 0) errors.people = [message("assign.peopleRequired")];
    people = resolved.people;
  }
  if (Object.keys(errors).length) return { ok: false, errors };

  const positions = "unitId" in target && target.positions?.length ? [...new Set(target.positions.map((p) => nfc(p).trim()).filter(Boolean))] : null;
  const learnerGroup = "unitId" in target ? (target.learnerGroup ?? null) : null;
  return db.$transaction(async (tx) => {
    const assignment = await tx.assignment.create({
      data: {
        courseSlug,
        unitId: unit?.id ?? null,
        positions: positions?.length ? JSON.stringify(positions) : null,
        learnerGroup,
        dueDate,
        dueDays,
        createdById: actor.id,
        createdAt: now,
      },
      select: { id: true },
    });
    const covered = unit ? await peopleOfUnit(tx, unit, { positions, learnerGroup }) : people;
    const dueAt = dueAtFor({ dueDate, dueDays }, now);
    // One statement for everyone, the ids passed as one JSON list: 10,000 people take a few hundred
    // milliseconds this way, against seconds through createMany (tests/unit/models/assignment.test.ts prints it).
    await tx.$executeRaw`
      INSERT INTO "LearnerAssignment" ("assignmentId", "userId", "courseSlug", "unitId", "position", "assignedAt", "dueAt")
      SELECT ${assignment.id}, u."id", ${courseSlug}, u."unitId", u."position", ${now}, ${dueAt}
      FROM "User" u WHERE u."id" IN (SELECT value FROM json_each(${JSON.stringify(covered.map((p) => p.id))}))`;
    await enrolAssigned(tx, courseSlug, { assignmentId: assignment.id }, now);
    await auditEvent(
      {
        actorId: actor.id,
        action: "assignment.created",
        subjectId: assignment.id,
        details: {
          course: courseSlug,
          unitId: unit?.id ?? null,
          ...(positions ? { positions } : {}),
          ...(learnerGroup ? { learnerGroup } : {}),
          ...(dueDate ? { dueDate: vietnamDay(dueDate) } : { dueDays }),
          people: unit ? undefined : people.map((p) => p.id),
          assigned: covered.length,
        },
      },
      tx,
    );
    return { ok: true as const, id: assignment.id, assigned: covered.length };
  });
}

/** Everyone a unit assignment covers now: members of the unit and the units under it, filtered by group in SQL and by position here (positions compare folded). */
async function peopleOfUnit(tx: Tx, unit: UnitOption, { positions, learnerGroup }: { positions: string[] | null; learnerGroup: string | null }) {
  const rows = await tx.user.findMany({
    where: { unit: { path: { startsWith: unit.path } }, ...(learnerGroup ? { learnerGroup } : {}) },
    select: { id: true, unitId: true, position: true },
  });
  if (!positions?.length) return rows;
  const wanted = new Set(positions.map(positionKey));
  return rows.filter((r) => r.position !== null && wanted.has(positionKey(r.position)));
}

/**
 * Named people, by email, phone or account id, limited to the scope. Those
 * not found and those outside the scope are both "not found": the form does
 * not tell a manager who has an account elsewhere.
 */
async function resolvePeople(scope: Scope, entries: string[]) {
  const wanted = [...new Set(entries.map((e) => e.trim()).filter(Boolean))];
  const byEntry = new Map<string, Prisma.UserWhereUniqueInput>();
  for (const entry of wanted) {
    const identifier = parseIdentifier(entry);
    byEntry.set(entry, identifier ? (identifier.kind === "email" ? { email: identifier.email } : { phone: identifier.phone }) : { id: entry });
  }
  const where = [...byEntry.values()];
  const found = where.length
    ? await db.user.findMany({ where: { OR: where }, select: { id: true, email: true, phone: true, unitId: true, position: true, unit: { select: { path: true } } } })
    : [];
  const people: typeof found = [];
  const missing: string[] = [];
  for (const [entry, key] of byEntry) {
    const person = found.find((p) => (key.email ? p.email === key.email : key.phone ? p.phone === key.phone : p.id === key.id));
    if (!person || !(scope.all || (person.unit && inScope(scope, person.unit)))) missing.push(entry);
    else if (!people.includes(person)) people.push(person);
  }
  return { people: people.map(({ id, unitId, position }) => ({ id, unitId, position })), missing };
}

/**
 * Which assignments an actor sees: those of units in scope, and named-people
 * ones they made or that name someone in scope. Of a named-people
 * assignment, a manager sees only the people of their scope (`units`): an
 * admin may have named people of several provinces in one.
 */
async function viewOf(actor: Actor): Promise<{ where: Prisma.AssignmentWhereInput; units: string[] | null }> {
  const scope = await scopeOf(actor);
  if (scope.all) return { where: {}, units: null };
  const subtree = await unitSubtree(scope.roots[0].id);
  return {
    where: {
      OR: [
        { unitId: { in: subtree } },
        { unitId: null, createdById: actor.id },
        { unitId: null, learners: { some: { user: { unitId: { in: subtree } } } } },
      ],
    },
    units: subtree,
  };
}

type Counts = { assigned: number; completed: number; overdue: number };

/** Per assignment: people it is required of now (open or completed), completed, and overdue (open, not completed, past due). One query. */
async function countsFor(ids: string[], now: Date, units: string[] | null): Promise<Map<string, Counts>> {
  if (ids.length === 0) return new Map();
  const named = units ? Prisma.sql`AND (a."unitId" IS NOT NULL OR u."unitId" IN (${Prisma.join(units)}))` : Prisma.empty;
  const rows = await db.$queryRaw<{ assignmentId: string; assigned: bigint | number; completed: bigint | number; overdue: bigint | number }[]>`
    SELECT la."assignmentId" AS "assignmentId",
           COUNT(*) AS "assigned",
           SUM(CASE WHEN e."completedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "completed",
           SUM(CASE WHEN e."completedAt" IS NULL AND la."dueAt" < ${now} THEN 1 ELSE 0 END) AS "overdue"
    FROM "LearnerAssignment" la
    JOIN "Assignment" a ON a."id" = la."assignmentId"
    JOIN "User" u ON u."id" = la."userId"
    LEFT JOIN "Enrollment" e ON e."userId" = la."userId" AND e."courseSlug" = la."courseSlug"
    WHERE la."endedAt" IS NULL AND la."assignmentId" IN (${Prisma.join(ids)}) ${named}
    GROUP BY la."assignmentId"`;
  return new Map(rows.map((r) => [r.assignmentId, { assigned: Number(r.assigned), completed: Number(r.completed ?? 0), overdue: Number(r.overdue ?? 0) }]));
}

const LIST_MAX = 200;

export type AssignmentSummary = Awaited<ReturnType<typeof listAssignments>>[number];

/** The actor's assignments, newest first, with their counts; withdrawn ones too, marked. */
export async function listAssignments({ actor, now = new Date() }: { actor: Actor; now?: Date }) {
  const { where, units } = await viewOf(actor);
  const rows = await db.assignment.findMany({
    where,
    select: { id: true, courseSlug: true, unitId: true, positions: true, learnerGroup: true, dueDate: true, dueDays: true, createdAt: true, withdrawnAt: true, unit: { select: { name: true } } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_MAX,
  });
  const counts = await countsFor(rows.map((r) => r.id), now, units);
  return rows.map((r) => ({
    ...r,
    positions: parsePositions(r.positions),
    courseTitle: getCourse(r.courseSlug)?.meta.title ?? r.courseSlug,
    counts: counts.get(r.id) ?? { assigned: 0, completed: 0, overdue: 0 },
  }));
}

const PEOPLE_PAGE = 50;

/**
 * One assignment and the people it covers (a page of them), or a 404 when
 * there is no such assignment and a 403 when it is not the actor's to see.
 * How far each person has got is shown only to those who agreed to share
 * their learning with their unit.
 */
export async function getAssignment({ actor, assignmentId, page = 1, now = new Date() }: { actor: Actor; assignmentId: string; page?: number; now?: Date }) {
  const { where, units } = await viewOf(actor);
  const assignment = await db.assignment.findFirst({
    where: { id: assignmentId },
    select: {
      id: true,
      courseSlug: true,
      unitId: true,
      positions: true,
      learnerGroup: true,
      dueDate: true,
      dueDays: true,
      createdAt: true,
      createdById: true,
      withdrawnAt: true,
      unit: { select: { name: true } },
    },
  });
  if (!assignment) throw new Response("Not found", { status: 404 });
  if (!(await db.assignment.count({ where: { AND: [where, { id: assignmentId }] } }))) throw forbidden();

  const open: Prisma.LearnerAssignmentWhereInput = { assignmentId, endedAt: null, ...(units && !assignment.unitId ? { user: { unitId: { in: units } } } : {}) };
  const [counts, total, learners, creator] = await Promise.all([
    countsFor([assignmentId], now, units),
    db.learnerAssignment.count({ where: open }),
    db.learnerAssignment.findMany({
      where: open,
      select: {
        userId: true,
        unitId: true,
        position: true,
        dueAt: true,
        user: {
          select: {
            fullName: true,
            unit: { select: { name: true } },
            consents: { where: { purpose: "share-with-unit", granted: true }, select: { purpose: true } },
            enrollments: { where: { courseSlug: assignment.courseSlug }, select: { completedAt: true, enrolledAt: true } },
          },
        },
      },
      orderBy: [{ user: { fullName: "asc" } }, { userId: "asc" }],
      skip: (Math.max(1, page) - 1) * PEOPLE_PAGE,
      take: PEOPLE_PAGE,
    }),
    assignment.createdById ? db.user.findUnique({ where: { id: assignment.createdById }, select: { fullName: true } }) : null,
  ]);
  const shared = learners.filter((l) => l.user.consents.length > 0).map((l) => l.userId);
  const lessonsDone = shared.length
    ? await db.lessonProgress.groupBy({ by: ["userId"], where: { courseSlug: assignment.courseSlug, userId: { in: shared }, completedAt: { not: null } }, _count: { _all: true } })
    : [];
  const done = new Map(lessonsDone.map((r) => [r.userId, r._count._all]));
  const course = getCourse(assignment.courseSlug);
  return {
    ...assignment,
    positions: parsePositions(assignment.positions),
    courseTitle: course?.meta.title ?? assignment.courseSlug,
    lessonCount: course?.lessons.length ?? 0,
    createdBy: creator?.fullName ?? null,
    counts: counts.get(assignmentId) ?? { assigned: 0, completed: 0, overdue: 0 },
    page: Math.max(1, page),
    pages: Math.max(1, Math.ceil(total / PEOPLE_PAGE)),
    people: learners.map((l) => {
      const enrolment = l.user.enrollments[0];
      const sharing = l.user.consents.length > 0;
      const completed = Boolean(enrolment?.completedAt);
      return {
        userId: l.userId,
        fullName: l.user.fullName,
        unitName: l.user.unit?.name ?? null,
        position: l.position,
        dueAt: l.dueAt,
        overdue: !completed && l.dueAt < now,
        // Without the learner's consent, a manager sees that the course is required of them, not how far they got.
        progress: sharing ? { completed, completedAt: enrolment?.completedAt ?? null, lessonsDone: done.get(l.userId) ?? 0 } : null,
      };
    }),
  };
}

/** Withdraws an assignment: no longer required of anyone; completed copies stay as they are. */
export async function withdrawAssignment({ actor, assignmentId, now = new Date() }: { actor: Actor; assignmentId: string; now?: Date }) {
  const current = await getAssignmentRow({ actor, assignmentId });
  // Named people may span scopes: only whoever named them, or an admin, withdraws it from all of them.
  if (current.unitId === null && actor.role !== "admin" && current.createdById !== actor.id) throw forbidden();
  if (current.withdrawnAt) return { ok: false as const, message: "assign.alreadyWithdrawn" as const };
  return db.$transaction(async (tx) => {
    const withdrawn = await tx.assignment.updateMany({ where: { id: assignmentId, withdrawnAt: null }, data: { withdrawnAt: now } });
    if (withdrawn.count === 0) return { ok: false as const, message: "assign.alreadyWithdrawn" as const };
    const { count: ended } = await tx.learnerAssignment.updateMany({
      where: { assignmentId, endedAt: null, user: { enrollments: { none: { courseSlug: current.courseSlug, completedAt: { not: null } } } } },
      data: { endedAt: now },
    });
    const kept = await tx.learnerAssignment.count({ where: { assignmentId, endedAt: null } });
    await auditEvent(
      { actorId: actor.id, action: "assignment.withdrawn", subjectId: assignmentId, details: { course: current.courseSlug, unitId: current.unitId, ended, completed: kept } },
      tx,
    );
    return { ok: true as const, ended, completed: kept };
  });
}

/** The row, with the same 404 and 403 as getAssignment. */
async function getAssignmentRow({ actor, assignmentId }: { actor: Actor; assignmentId: string }) {
  const { where } = await viewOf(actor);
  const row = await db.assignment.findUnique({ where: { id: assignmentId }, select: { id: true, courseSlug: true, unitId: true, createdById: true, withdrawnAt: true } });
  if (!row) throw new Response("Not found", { status: 404 });
  if (!(await db.assignment.count({ where: { AND: [where, { id: assignmentId }] } }))) throw forbidden();
  return row;
}

/** The units an actor may assign to: those in force within their scope, in tree order. */
export async function assignableUnits(actor: Actor): Promise<UnitOption[]> {
  const scope = await scopeOf(actor);
  return (await listUnits()).filter((u) => !u.validTo && inScope(scope, u));
}
