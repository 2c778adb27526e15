/**
 * What a manager sees of one person: everything the person shares while
 * they are in the manager's units; only the courses once required there
 * after they moved away; nothing outside scope.
 */
import crypto from "node:crypto";
import { beforeAll, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { createAssignment } from "~/models/assignment.server";
import { loadCourses } from "~/models/course.server";
import { setMembership } from "~/models/membership.server";
import { forgetReferenceData } from "~/models/org.server";
import { enroll } from "~/models/progress.server";
import { personForManager } from "~/models/report.server";
import { db } from "~/utils/db.server";
import { vietnamDay } from "~/utils/i18n";

const REQUIRED = "thanh-toan-truc-tuyen";
const OWN_CHOICE = "dung-dien-thoai-an-toan";

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

async function twoProvinces() {
  const k = crypto.randomUUID().slice(0, 8);
  const ids = { old: `a-${k}`, now: `b-${k}`, elsewhere: `c-${k}` };
  for (const id of Object.values(ids)) await db.unit.create({ data: { id, name: `Tỉnh ${id}`, kind: "province", path: `/${id}/` } });
  forgetReferenceData();
  return ids;
}

const managerOf = (unitId: string) => ({ id: `m-${unitId}`, role: "manager" as const, managedUnitId: unitId });
const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Response ? e.status : 500));

test("a person who moved: the new unit's manager sees all they share, the old unit's only the course required there, a third manager nothing", async () => {
  const units = await twoProvinces();
  const { id } = await createUser({ learnerGroup: "official", unitId: units.old });
  await db.consent.upsert({ where: { userId_purpose: { userId: id, purpose: "share-with-unit" } }, create: { userId: id, purpose: "share-with-unit", granted: true }, update: { granted: true } });
  const due = vietnamDay(new Date(Date.now() + 30 * 86_400_000));
  const made = await createAssignment({ actor: managerOf(units.old), courseSlug: REQUIRED, target: { unitId: units.old }, due: { date: due } });
  expect(made.ok).toBe(true);
  await enroll({ userId: id, courseSlug: OWN_CHOICE });
  await db.$transaction((tx) => setMembership({ userId: id, unitId: units.now, position: "Chuyên viên", actorId: null }, tx));

  const byNew = await personForManager({ actor: managerOf(units.now), userId: id });
  expect(byNew.shared && byNew.current).toBe(true);
  expect(byNew.shared ? byNew.courses.map((c) => c.slug).sort() : []).toEqual([REQUIRED, OWN_CHOICE].sort());

  const byOld = await personForManager({ actor: managerOf(units.old), userId: id });
  expect(byOld.shared && byOld.current).toBe(false);
  expect(byOld.shared ? byOld.courses.map((c) => c.slug) : []).toEqual([REQUIRED]);

  expect(await status(personForManager({ actor: managerOf(units.elsewhere), userId: id }))).toBe(403);
});
