import { beforeAll, expect, test } from "vitest";
import { createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { changeRole, getPerson, listPeople, makeResetLink, setDisabled } from "~/models/people.server";
import { getUser, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

beforeAll(seedReferenceData);

async function actor(role: "admin" | "manager" | "learner" | "trainer", unitId?: string): Promise<SessionUser> {
  const { id } = await createUser({ role, unitId, learnerGroup: unitId ? "official" : "resident" });
  const { request } = await signedInRequest(id);
  const user = await getUser(request);
  if (!user) throw new Error("no session");
  return user;
}

test("a manager sees the learners of their unit and the units under it, and nobody else", async () => {
  const manager = await actor("manager", "hue");
  const inDepartment = await createUser({ learnerGroup: "official", unitId: "hue-so-khcn", fullName: "Cán Bộ Sở" });
  const inProvinceElsewhere = await createUser({ learnerGroup: "official", unitId: "lao-cai-so-khcn", fullName: "Cán Bộ Lào Cai" });
  const resident = await createUser({ fullName: "Người Dân Tự Do" });

  const { people } = await listPeople({ actor: manager, query: "" });
  const ids = people.map((p) => p.id);
  expect(ids).toContain(inDepartment.id);
  expect(ids).not.toContain(inProvinceElsewhere.id);
  expect(ids).not.toContain(resident.id);
  expect(await getPerson({ actor: manager, userId: inProvinceElsewhere.id })).toBeNull();
  expect(await getPerson({ actor: manager, userId: inDepartment.id })).not.toBeNull();
});

test("search ignores diacritics and finds phone numbers as people write them", async () => {
  const admin = await actor("admin");
  const { id } = await createUser({ fullName: "Đặng Thị Hường", phone: "+84359000001" });
  expect((await listPeople({ actor: admin, query: "dang thi huong" })).people.map((p) => p.id)).toContain(id);
  expect((await listPeople({ actor: admin, query: "0359000001" })).people.map((p) => p.id)).toContain(id);
});

test("learners and trainers see nobody", async () => {
  for (const role of ["learner", "trainer"] as const) {
    const error = await listPeople({ actor: await actor(role) }).catch((e: unknown) => e);
    expect((error as Response).status).toBe(403);
  }
});

test("an admin changes a role, with before and after in the audit log; never their own", async () => {
  const admin = await actor("admin");
  const { id } = await createUser();
  expect(await changeRole({ actor: admin, userId: id, role: "manager" })).toEqual({ ok: false, message: "admin.managedUnitRequired" });
  expect(await changeRole({ actor: admin, userId: id, role: "manager", managedUnitId: "lao-cai" })).toEqual({ ok: true });
  const [event] = await db.auditEvent.findMany({ where: { subjectId: id, action: "role.changed" } });
  expect(JSON.parse(event!.details)).toEqual({ before: { role: "learner", managedUnitId: null }, after: { role: "manager", managedUnitId: "lao-cai" } });
  expect(event!.actorId).toBe(admin.id);
  expect(await changeRole({ actor: admin, userId: admin.id, role: "learner" })).toEqual({ ok: false, message: "admin.notYourself" });
});

test("a manager cannot change roles or disable accounts", async () => {
  const manager = await actor("manager", "hue");
  const { id } = await createUser({ learnerGroup: "official", unitId: "hue-so-noi-vu" });
  expect(((await changeRole({ actor: manager, userId: id, role: "admin" }).catch((e: unknown) => e)) as Response).status).toBe(403);
  expect(((await setDisabled({ actor: manager, userId: id, disabled: true }).catch((e: unknown) => e)) as Response).status).toBe(403);
});

test("disabling an account signs it out everywhere and is audited", async () => {
  const admin = await actor("admin");
  const { id } = await createUser();
  const { request } = await signedInRequest(id);
  expect(await setDisabled({ actor: admin, userId: id, disabled: true })).toEqual({ ok: true });
  expect(await getUser(request)).toBeNull();
  const actions = (await db.auditEvent.findMany({ where: { subjectId: id } })).map((e) => e.action);
  expect(actions).toContain("account.disabled");
});

test("a manager makes a reset link for a learner of their unit, not for one elsewhere", async () => {
  // The province's unit: the ward is under it (not under the city's people's committee).
  const manager = await actor("manager", "46");
  const mine = await createUser({ learnerGroup: "official", unitId: "hue-phuong-thuan-hoa" });
  const elsewhere = await createUser({ learnerGroup: "official", unitId: "lao-cai" });
  const link = await makeResetLink({ actor: manager, userId: mine.id });
  expect(link.url).toMatch(/\/reset-password\?token=/);
  expect(((await makeResetLink({ actor: manager, userId: elsewhere.id }).catch((e: unknown) => e)) as Response).status).toBe(404);
  const [event] = await db.auditEvent.findMany({ where: { subjectId: mine.id, action: "password.resetLinkCreated" } });
  expect(event?.actorId).toBe(manager.id);
});
