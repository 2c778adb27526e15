import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { createAssignment, getAssignment, listAssignments, withdrawAssignment } from "~/models/assignment.server";
import { loadCourses } from "~/models/course.server";
import { setMembership, membershipHistory } from "~/models/membership.server";
import { forgetReferenceData } from "~/models/org.server";
import { enroll, unenroll } from "~/models/progress.server";
import { exportAccountData, updateProfile } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { endOfVietnamDay, vietnamDay } from "~/utils/i18n";

const COURSE = "thanh-toan-truc-tuyen";
const OTHER_COURSE = "dung-dien-thoai-an-toan";

/**
 * A tree of its own for each test, so counts are exact:
 * root / dept (agency) / office, root / ward (commune) / team, and another root.
 */
async function makeTree() {
  const k = crypto.randomUUID().slice(0, 8);
  const ids = { root: `p-${k}`, dept: `p-${k}-so`, office: `p-${k}-so-phong`, ward: `p-${k}-phuong`, team: `p-${k}-phuong-to`, other: `q-${k}`, ended: `p-${k}-cu` };
  const rows = [
    { id: ids.root, kind: "province", path: `/${ids.root}/`, parentId: null },
    { id: ids.dept, kind: "agency", path: `/${ids.root}/${ids.dept}/`, parentId: ids.root },
    { id: ids.office, kind: "agency", path: `/${ids.root}/${ids.dept}/${ids.office}/`, parentId: ids.dept },
    { id: ids.ward, kind: "commune", path: `/${ids.root}/${ids.ward}/`, parentId: ids.root },
    { id: ids.team, kind: "team", path: `/${ids.root}/${ids.ward}/${ids.team}/`, parentId: ids.ward },
    { id: ids.other, kind: "province", path: `/${ids.other}/`, parentId: null },
    { id: ids.ended, kind: "agency", path: `/${ids.root}/${ids.ended}/`, parentId: ids.root, validTo: new Date("2025-07-01") },
  ];
  for (const row of rows) await db.unit.create({ data: { name: `Đơn vị ${row.id}`, provinceCode: "46", ...row } });
  forgetReferenceData();
  return ids;
}

const manager = (unitId: string) => ({ id: `manager-of-${unitId}`, role: "manager" as const, managedUnitId: unitId });
const admin = { id: "admin", role: "admin" as const, managedUnitId: null };
const tomorrow = () => vietnamDay(new Date(Date.now() + 86_400_000));

async function official(unitId: string, position = "Chuyên viên") {
  const { id } = await createUser({ learnerGroup: "official", unitId });
  if (position !== "Chuyên viên") await db.$transaction((tx) => setMembership({ userId: id, unitId, position, actorId: null }, tx));
  return id;
}

const openRows = (assignmentId: string) => db.learnerAssignment.findMany({ where: { assignmentId, endedAt: null }, select: { userId: true, unitId: true, position: true, dueAt: true } });

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

describe("createAssignment", () => {
  test("covers the unit and those under it, enrols them, and audits it in words", async () => {
    const t = await makeTree();
    const inDept = await official(t.dept);
    const inOffice = await official(t.office);
    const elsewhere = await official(t.ward);
    const result = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.dept }, due: { date: tomorrow() } });
    expect(result).toMatchObject({ ok: true, assigned: 2 });
    if (!result.ok) return;
    const rows = await openRows(result.id);
    expect(rows.map((r) => r.userId).sort()).toEqual([inDept, inOffice].sort());
    expect(rows.find((r) => r.userId === inOffice)).toMatchObject({ unitId: t.office, position: "Chuyên viên", dueAt: endOfVietnamDay(tomorrow()) });
    const enrolled = await db.enrollment.findMany({ where: { courseSlug: COURSE, userId: { in: [inDept, inOffice, elsewhere] } }, select: { userId: true, source: true } });
    expect(enrolled.map((e) => e.userId).sort()).toEqual([inDept, inOffice].sort());
    expect(enrolled.every((e) => e.source === "assignment")).toBe(true);
    const [event] = await db.auditEvent.findMany({ where: { subjectId: result.id, action: "assignment.created" } });
    expect(JSON.parse(event!.details)).toEqual({ course: COURSE, unitId: t.dept, dueDate: tomorrow(), assigned: 2 });
    expect(event!.actorId).toBe(manager(t.root).id);
  });

  test("a unit outside the manager's scope is a 403; a unit or course that does not exist, an ended unit, a past date and days out of range are form errors", async () => {
    const t = await makeTree();
    const refused = await createAssignment({ actor: manager(t.dept), courseSlug: COURSE, target: { unitId: t.other }, due: { days: 30 } }).catch((e: unknown) => e);
    expect((refused as Response).status).toBe(403);
    const sibling = await createAssignment({ actor: manager(t.dept), courseSlug: COURSE, target: { unitId: t.ward }, due: { days: 30 } }).catch((e: unknown) => e);
    expect((sibling as Response).status).toBe(403);
    // A learner has no scope at all.
    const learner = await createAssignment({ actor: { id: "x", role: "learner", managedUnitId: null }, courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 30 } }).catch((e: unknown) => e);
    expect((learner as Response).status).toBe(403);

    const yesterday = vietnamDay(new Date(Date.now() - 86_400_000));
    expect(await createAssignment({ actor: manager(t.root), courseSlug: "khong-co-khoa-nay", target: { unitId: "khong-co-don-vi" }, due: { date: yesterday } })).toEqual({
      ok: false,
      errors: { courseSlug: ["assign.courseUnknown"], unitId: ["assign.unitUnknown"], dueDate: ["assign.dueDatePast"] },
    });
    expect(await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.ended }, due: { date: "2027-02-30" } })).toEqual({
      ok: false,
      errors: { unitId: ["assign.unitEnded"], dueDate: ["assign.dueDateInvalid"] },
    });
    for (const days of [0, 3651, 1.5]) {
      expect(await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.dept }, due: { days } })).toEqual({
        ok: false,
        errors: { dueDays: ['assign.dueDaysRange|{"max":3650}'] },
      });
    }
    // Today is still on time.
    expect(await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.dept }, due: { date: vietnamDay(new Date()) } })).toMatchObject({ ok: true });
    expect(await db.assignment.count({ where: { unitId: { in: Object.values(t) } } })).toBe(1);
  });

  test("positions and learner group narrow who is covered; positions compare as people type them", async () => {
    const t = await makeTree();
    const clerk = await official(t.dept, "chuyen vien");
    const head = await official(t.dept, "Trưởng phòng");
    const result = await createAssignment({ actor: admin, courseSlug: COURSE, target: { unitId: t.root, positions: ["Chuyên viên"], learnerGroup: "official" }, due: { days: 10 } });
    expect(result).toMatchObject({ ok: true, assigned: 1 });
    if (!result.ok) return;
    expect((await openRows(result.id)).map((r) => r.userId)).toEqual([clerk]);
    expect(head).toBeTruthy();
  });

  test("named people: found by email or phone within the scope; the others are named in the error", async () => {
    const t = await makeTree();
    const inside = await createUser({ learnerGroup: "official", unitId: t.dept, email: `ten-${crypto.randomUUID()}@example.vn` });
    const outside = await createUser({ learnerGroup: "official", unitId: t.other, email: `ngoai-${crypto.randomUUID()}@example.vn` });
    const email = (u: { identifier: { kind: string; email?: string } }) => u.identifier.email!;
    const refused = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { people: [email(inside), email(outside), "khong-ai@example.vn"] }, due: { days: 5 } });
    expect(refused).toEqual({ ok: false, errors: { people: [`assign.peopleNotFound|${JSON.stringify({ list: `${email(outside)}, khong-ai@example.vn` })}`] } });
    const made = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { people: [email(inside).toUpperCase(), inside.id] }, due: { days: 5 } });
    expect(made).toMatchObject({ ok: true, assigned: 1 });
    // The manager who made it sees it; the other province's manager does not.
    expect((await listAssignments({ actor: manager(t.root) })).map((a) => a.id)).toContain(made.ok ? made.id : "");
    expect((await listAssignments({ actor: manager(t.other) })).map((a) => a.id)).not.toContain(made.ok ? made.id : "");
  });

  test("enrolment is idempotent: an existing enrolment is kept, one left earlier is reopened, a completed course counts as completed", async () => {
    const t = await makeTree();
    const kept = await official(t.dept);
    const left = await official(t.dept);
    const done = await official(t.dept);
    await enroll({ userId: kept, courseSlug: COURSE });
    await enroll({ userId: left, courseSlug: COURSE });
    await unenroll({ userId: left, courseSlug: COURSE });
    await enroll({ userId: done, courseSlug: COURSE });
    const completedAt = new Date(Date.now() - 86_400_000);
    await db.enrollment.update({ where: { userId_courseSlug: { userId: done, courseSlug: COURSE } }, data: { completedAt } });
    const before = await db.enrollment.findMany({ where: { userId: { in: [kept, left, done] } }, select: { id: true, userId: true } });

    const first = await createAssignment({ actor: admin, courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 30 } });
    const second = await createAssignment({ actor: admin, courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 60 } });
    expect(first.ok && second.ok).toBe(true);
    const after = await db.enrollment.findMany({ where: { userId: { in: [kept, left, done] } }, select: { id: true, userId: true, source: true, unenrolledAt: true, completedAt: true } });
    expect(after.map((e) => e.id).sort()).toEqual(before.map((e) => e.id).sort());
    expect(after.every((e) => e.source === "self" && e.unenrolledAt === null)).toBe(true);
    expect(after.find((e) => e.userId === done)?.completedAt).toEqual(completedAt);
    const [summary] = (await listAssignments({ actor: admin })).filter((a) => a.id === (first.ok ? first.id : ""));
    expect(summary?.counts).toEqual({ assigned: 3, completed: 1, overdue: 0 });
  });

  test("a unit of 10,000 officials is assigned in one go (time printed)", { timeout: 120_000 }, async () => {
    const t = await makeTree();
    const now = new Date();
    const users = Array.from({ length: 10_000 }, (_, i) => ({
      email: `can-bo-${i}-${t.root}@example.vn`,
      passwordHash: "x",
      fullName: `Cán bộ ${i}`,
      learnerGroup: "official",
      unitId: i % 2 ? t.dept : t.office,
      position: "Chuyên viên",
      searchKey: `can bo ${i}`,
      createdAt: now,
    }));
    await db.user.createMany({ data: users });
    const started = performance.now();
    const result = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.root }, due: { days: 30 } });
    const ms = performance.now() - started;
    console.info(`createAssignment for 10,000 officials: ${ms.toFixed(0)} ms`);
    expect(result).toMatchObject({ ok: true, assigned: 10_000 });
    expect(await db.enrollment.count({ where: { courseSlug: COURSE, user: { unit: { path: { startsWith: `/${t.root}/` } } } } })).toBe(10_000);
    if (!result.ok) return;
    const listed = performance.now();
    const details = await getAssignment({ actor: manager(t.root), assignmentId: result.id });
    console.info(`getAssignment, first page of 10,000: ${(performance.now() - listed).toFixed(0)} ms`);
    expect(details.counts.assigned).toBe(10_000);
    expect(details.people).toHaveLength(50);
    expect(details.pages).toBe(200);
  });
});

describe("withdrawAssignment", () => {
  test("ends the copies not completed, keeps the completed ones, is audited, and only once", async () => {
    const t = await makeTree();
    const open = await official(t.dept);
    const done = await official(t.dept);
    const made = await createAssignment({ actor: manager(t.root), courseSlug: OTHER_COURSE, target: { unitId: t.dept }, due: { days: 30 } });
    if (!made.ok) throw new Error("not made");
    await db.enrollment.update({ where: { userId_courseSlug: { userId: done, courseSlug: OTHER_COURSE } }, data: { completedAt: new Date() } });

    const other = await withdrawAssignment({ actor: manager(t.other), assignmentId: made.id }).catch((e: unknown) => e);
    expect((other as Response).status).toBe(403);
    const missing = await withdrawAssignment({ actor: manager(t.root), assignmentId: "khong-co" }).catch((e: unknown) => e);
    expect((missing as Response).status).toBe(404);

    expect(await withdrawAssignment({ actor: manager(t.root), assignmentId: made.id })).toEqual({ ok: true, ended: 1, completed: 1 });
    expect((await openRows(made.id)).map((r) => r.userId)).toEqual([done]);
    expect(await db.learnerAssignment.findUnique({ where: { assignmentId_userId: { assignmentId: made.id, userId: open } } })).toMatchObject({ endedAt: expect.any(Date) });
    const [event] = await db.auditEvent.findMany({ where: { subjectId: made.id, action: "assignment.withdrawn" } });
    expect(JSON.parse(event!.details)).toEqual({ course: OTHER_COURSE, unitId: t.dept, ended: 1, completed: 1 });
    expect(await withdrawAssignment({ actor: manager(t.root), assignmentId: made.id })).toEqual({ ok: false, message: "assign.alreadyWithdrawn" });
    // Someone joining now is not given a withdrawn course.
    const late = await official(t.dept);
    expect(await db.learnerAssignment.count({ where: { userId: late } })).toBe(0);
  });

  test("named people across provinces: a manager sees only those of their scope, and cannot withdraw what an admin made", async () => {
    const t = await makeTree();
    const here = await official(t.dept);
    const there = await official(t.other);
    const made = await createAssignment({ actor: admin, courseSlug: COURSE, target: { people: [here, there] }, due: { days: 30 } });
    if (!made.ok) throw new Error("not made");
    const details = await getAssignment({ actor: manager(t.root), assignmentId: made.id });
    expect(details.people.map((p) => p.userId)).toEqual([here]);
    expect(details.counts.assigned).toBe(1);
    expect((await listAssignments({ actor: manager(t.root) })).find((a) => a.id === made.id)?.counts.assigned).toBe(1);
    expect((await getAssignment({ actor: admin, assignmentId: made.id })).counts.assigned).toBe(2);
    expect(((await withdrawAssignment({ actor: manager(t.root), assignmentId: made.id }).catch((e: unknown) => e)) as Response).status).toBe(403);
  });

  test("the details page's data: 403 for another scope, progress only with consent", async () => {
    const t = await makeTree();
    const sharing = await official(t.dept);
    const privateOne = await official(t.dept);
    await db.consent.update({ where: { userId_purpose: { userId: sharing, purpose: "share-with-unit" } }, data: { granted: true } });
    const made = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 30 } });
    if (!made.ok) throw new Error("not made");
    expect(((await getAssignment({ actor: manager(t.other), assignmentId: made.id }).catch((e: unknown) => e)) as Response).status).toBe(403);
    expect(((await getAssignment({ actor: manager(t.root), assignmentId: "khong-co" }).catch((e: unknown) => e)) as Response).status).toBe(404);
    const details = await getAssignment({ actor: manager(t.dept), assignmentId: made.id });
    expect(details.people.find((p) => p.userId === sharing)?.progress).toEqual({ completed: false, completedAt: null, lessonsDone: 0 });
    expect(details.people.find((p) => p.userId === privateOne)?.progress).toBeNull();
  });
});

describe("setMembership", () => {
  test("keeps the history, writes User and the audit log together", async () => {
    const t = await makeTree();
    const id = await official(t.dept);
    await db.$transaction((tx) => setMembership({ userId: id, unitId: t.ward, position: "Phó Chủ tịch", actorId: "admin" }, tx));
    const user = await db.user.findUniqueOrThrow({ where: { id }, select: { unitId: true, position: true } });
    expect(user).toEqual({ unitId: t.ward, position: "Phó Chủ tịch" });
    const history = await membershipHistory(id);
    expect(history.map((h) => [h.unitId, h.position, h.endedAt === null])).toEqual([
      [t.ward, "Phó Chủ tịch", true],
      [t.dept, "Chuyên viên", false],
    ]);
    const events = await db.auditEvent.findMany({ where: { subjectId: id, action: "membership.changed" }, orderBy: { id: "asc" } });
    expect(JSON.parse(events.at(-1)!.details)).toEqual({ from: { unitId: t.dept, position: "Chuyên viên" }, to: { unitId: t.ward, position: "Phó Chủ tịch" } });
    expect(events.at(-1)!.actorId).toBe("admin");
    // Nothing changes, nothing is written.
    const result = await db.$transaction((tx) => setMembership({ userId: id, unitId: t.ward, position: "Phó Chủ tịch", actorId: "admin" }, tx));
    expect(result).toEqual({ changed: false, ended: 0, applied: 0 });
    expect(await membershipHistory(id)).toHaveLength(2);
    // The person's own data download holds where they have worked.
    expect((await exportAccountData(id)).memberships.map((m) => m.unitId)).toEqual([t.dept, t.ward]);
  });

  test("moving ends the old unit's assignments not completed, keeps completed and named ones, and gives the new unit's", async () => {
    const t = await makeTree();
    const id = await official(t.dept);
    const email = (await db.user.findUniqueOrThrow({ where: { id }, select: { email: true } })).email!;
    const deptCourse = await createAssignment({ actor: admin, courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 30 } });
    const deptDone = await createAssignment({ actor: admin, courseSlug: OTHER_COURSE, target: { unitId: t.dept }, due: { days: 30 } });
    const named = await createAssignment({ actor: admin, courseSlug: "ky-nang-so-tai-dia-phuong", target: { people: [email] }, due: { days: 30 } });
    const rootWide = await createAssignment({ actor: admin, courseSlug: COURSE, target: { unitId: t.root }, due: { days: 30 } });
    const wardCourse = await createAssignment({ actor: admin, courseSlug: OTHER_COURSE, target: { unitId: t.ward }, due: { date: tomorrow() } });
    if (!(deptCourse.ok && deptDone.ok && named.ok && rootWide.ok && wardCourse.ok)) throw new Error("not made");
    await db.enrollment.update({ where: { userId_courseSlug: { userId: id, courseSlug: OTHER_COURSE } }, data: { completedAt: new Date() } });

    const moved = await db.$transaction((tx) => setMembership({ userId: id, unitId: t.ward, position: "Chuyên viên", actorId: null }, tx));
    expect(moved).toEqual({ changed: true, ended: 1, applied: 1 });
    const rows = await db.learnerAssignment.findMany({ where: { userId: id }, select: { assignmentId: true, endedAt: true, unitId: true, dueAt: true } });
    const state = (assignmentId: string) => rows.find((r) => r.assignmentId === assignmentId);
    expect(state(deptCourse.id)?.endedAt).toEqual(expect.any(Date));
    expect(state(deptDone.id)?.endedAt).toBeNull();
    expect(state(named.id)?.endedAt).toBeNull();
    // Still inside the province: still required, counted where it was given.
    expect(state(rootWide.id)).toMatchObject({ endedAt: null, unitId: t.dept });
    expect(state(wardCourse.id)).toMatchObject({ endedAt: null, unitId: t.ward, dueAt: endOfVietnamDay(tomorrow()) });
  });

  test("someone who joins a unit later gets its assignments, due N days after joining; coming back reopens the old copy", async () => {
    const t = await makeTree();
    const made = await createAssignment({ actor: manager(t.root), courseSlug: COURSE, target: { unitId: t.dept }, due: { days: 14 } });
    if (!made.ok) throw new Error("not made");
    expect(made.assigned).toBe(0);
    const joiner = await official(t.office);
    const [row] = await db.learnerAssignment.findMany({ where: { assignmentId: made.id, userId: joiner } });
    expect(row).toMatchObject({ unitId: t.office, endedAt: null, dueAt: endOfVietnamDay(vietnamDay(new Date(row!.assignedAt.getTime() + 14 * 86_400_000))) });
    expect(await db.enrollment.findUnique({ where: { userId_courseSlug: { userId: joiner, courseSlug: COURSE } } })).toMatchObject({ source: "assignment", unenrolledAt: null });

    await db.$transaction((tx) => setMembership({ userId: joiner, unitId: t.ward, position: "Chuyên viên", actorId: null }, tx));
    expect((await db.learnerAssignment.findFirstOrThrow({ where: { assignmentId: made.id, userId: joiner } })).endedAt).not.toBeNull();
    await db.$transaction((tx) => setMembership({ userId: joiner, unitId: t.dept, position: "Chuyên viên", actorId: null }, tx));
    expect(await db.learnerAssignment.findFirstOrThrow({ where: { assignmentId: made.id, userId: joiner } })).toMatchObject({ endedAt: null, unitId: t.dept });
    expect(await membershipHistory(joiner)).toHaveLength(3);
  });

  test("the account page: an official moves through setMembership; a resident joins a team, and may not pick a unit that is not one", async () => {
    const t = await makeTree();
    const { id } = await createUser({ learnerGroup: "official", unitId: t.dept });
    const profile = { fullName: "Nguyễn Văn Thử", provinceCode: "46", commune: undefined } as const;
    expect(await updateProfile(id, { ...profile, learnerGroup: "official", unitId: t.team, position: "Chuyên viên" })).toEqual({
      ok: false,
      problem: { field: "unitId", message: "assign.unitIsTeam" },
    });
    expect(await updateProfile(id, { ...profile, learnerGroup: "official", unitId: t.ended, position: "Chuyên viên" })).toEqual({
      ok: false,
      problem: { field: "unitId", message: "account.unitUnknown" },
    });
    expect(await updateProfile(id, { ...profile, learnerGroup: "resident", unitId: undefined, position: undefined, teamId: t.dept })).toEqual({
      ok: false,
      problem: { field: "teamId", message: "assign.teamUnknown" },
    });
    expect(await updateProfile(id, { ...profile, learnerGroup: "resident", unitId: t.dept, position: "Chuyên viên", teamId: t.team })).toEqual({ ok: true });
    expect(await db.user.findUniqueOrThrow({ where: { id }, select: { unitId: true, position: true, learnerGroup: true } })).toEqual({
      unitId: t.team,
      position: null,
      learnerGroup: "resident",
    });
    expect((await membershipHistory(id)).map((h) => h.unitId)).toEqual([t.team, t.dept]);
  });
});
