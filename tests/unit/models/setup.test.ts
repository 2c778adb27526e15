import { beforeEach, expect, test } from "vitest";
import { seed } from "../../../prisma/seed";
import { createFirstAdmin, firstAdminNotice, isSetupTokenUsable, issueSetupLink } from "~/models/setup.server";
import { authenticate } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

// Each test starts as a fresh installation: reference data, no account.
beforeEach(async () => {
  await db.user.deleteMany();
  await db.setupToken.deleteMany();
  await seed({ demo: false });
});

const admin = (token: string, overrides: Record<string, unknown> = {}) => ({
  token,
  fullName: "Quản Trị Viên",
  identifier: { kind: "email" as const, email: "quantri@so.example.gov.vn" },
  password: "mot-cau-rat-dai-cho-quan-tri",
  consentLearningRecords: true,
  consentShareWithUnit: false,
  consentStatistics: false,
  ...overrides,
});

const tokenOf = (url: string | null) => new URL(url!).searchParams.get("token")!;

test("without an admin, each start prints a new one-time link to /setup; only its hash is stored", async () => {
  const notice = await firstAdminNotice();
  expect(notice).toContain(`${env().PUBLIC_URL}/setup?token=`);
  const first = tokenOf(/(https?:\/\/\S+)/.exec(notice!)![1]!);
  expect(await isSetupTokenUsable(first)).toBe(true);
  expect(JSON.stringify(await db.setupToken.findMany())).not.toContain(first);

  // The next start replaces it.
  const second = tokenOf(await issueSetupLink());
  expect(await isSetupTokenUsable(first)).toBe(false);
  expect(await isSetupTokenUsable(second)).toBe(true);
});

test("the link creates the first admin once; then it is gone and starts print nothing", async () => {
  const token = tokenOf(await issueSetupLink());
  const result = await createFirstAdmin(admin(token));
  expect(result).toMatchObject({ ok: true });
  const user = await db.user.findUniqueOrThrow({ where: { email: "quantri@so.example.gov.vn" }, include: { consents: true } });
  expect(user).toMatchObject({ role: "admin", fullName: "Quản Trị Viên", disabledAt: null });
  expect(user.consents.find((c) => c.purpose === "learning-records")?.granted).toBe(true);
  expect(await authenticate({ identifier: admin(token).identifier, password: admin(token).password })).toMatchObject({ ok: true });
  expect(await db.auditEvent.findFirst({ where: { subjectId: user.id, action: "account.created" } })).toMatchObject({ details: expect.stringContaining('"role":"admin"') as string });

  expect(await db.setupToken.count()).toBe(0);
  expect(await isSetupTokenUsable(token)).toBe(false);
  expect(await createFirstAdmin(admin(token, { identifier: { kind: "email", email: "ke-khac@example.vn" } }))).toEqual({ ok: false, reason: "invalidToken" });
  expect(await firstAdminNotice()).toBeNull();
});

test("two submissions with one link make one admin", async () => {
  const token = tokenOf(await issueSetupLink());
  const results = await Promise.all([
    createFirstAdmin(admin(token)),
    createFirstAdmin(admin(token, { identifier: { kind: "phone", phone: "+84912000111" } })),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
  expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
});

test("a link stops working once an admin exists, and after a day", async () => {
  const token = tokenOf(await issueSetupLink());
  await db.setupToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await isSetupTokenUsable(token)).toBe(false);
  expect(await createFirstAdmin(admin(token))).toEqual({ ok: false, reason: "invalidToken" });

  const fresh = tokenOf(await issueSetupLink());
  await seed({ demo: true });
  expect(await isSetupTokenUsable(fresh)).toBe(false);
  expect(await createFirstAdmin(admin(fresh))).toEqual({ ok: false, reason: "invalidToken" });
  expect(await db.user.count({ where: { role: "admin" } })).toBe(1);
});

test("a disabled admin is no admin: with the demo accounts switched off, starts print a link again", async () => {
  await seed({ demo: true });
  expect(await issueSetupLink()).toBeNull();
  await seed({ demo: false });
  expect(await issueSetupLink()).toMatch(/\/setup\?token=/);
});

test("an address already in use, or a common password, is refused and the link keeps working", async () => {
  const token = tokenOf(await issueSetupLink());
  await createFirstAdmin(admin(token));
  await db.user.updateMany({ data: { role: "learner" } });
  const again = tokenOf(await issueSetupLink());
  expect(await createFirstAdmin(admin(again))).toEqual({ ok: false, reason: "duplicate" });
  expect(await createFirstAdmin(admin(again, { identifier: { kind: "email", email: "moi@example.vn" }, password: "password123" }))).toMatchObject({
    ok: false,
    reason: "field",
    problem: { field: "password" },
  });
  expect(await isSetupTokenUsable(again)).toBe(true);
});
