import crypto from "node:crypto";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { createUser, seedReferenceData, signedInRequest, TEST_PASSWORD } from "../../setup/accounts";
import { requestPasswordReset } from "~/models/password-reset.server";
import { hashPassword, isCommonPassword } from "~/models/password.server";
import { throttlePolicies } from "~/models/throttle.server";
import { authenticate, changePassword, deleteAccount, exportAccountData, getAccount, setConsents, signUp } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";

beforeAll(seedReferenceData);

const nonce = () => crypto.randomBytes(16).toString("base64url");

const notice = { onDuplicateNotice: () => ({ subject: "Someone tried", body: "…" }) };
const form = (identifier: { kind: "email"; email: string } | { kind: "phone"; phone: string }, password = TEST_PASSWORD) => ({
  identifier,
  password,
  fullName: "Lò Thị Mai",
  learnerGroup: "resident" as const,
  provinceCode: "15",
  commune: "Xã Bắc Hà",
  unitId: undefined,
  position: undefined,
  consentLearningRecords: true,
  consentShareWithUnit: true,
  consentStatistics: false,
  redirectTo: undefined,
});

describe("sign-up", () => {
  test("creates the account with each consent recorded separately, and an audit event", async () => {
    const result = await signUp(form({ kind: "phone", phone: "+84388000001" }), notice);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const account = await getAccount(result.userId);
    expect(account).toMatchObject({ phone: "+84388000001", email: null, fullName: "Lò Thị Mai", provinceCode: "15", role: "learner" });
    expect(account?.consent).toEqual({ "learning-records": true, "share-with-unit": true, statistics: false });
    const events = await db.auditEvent.findMany({ where: { subjectId: result.userId } });
    expect(events.map((e) => e.action)).toEqual(["account.created"]);
    const stored = await db.user.findUniqueOrThrow({ where: { id: result.userId } });
    expect(stored.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  test("a second sign-up with the same number is a duplicate and the owner of an email is told", async () => {
    await signUp(form({ kind: "phone", phone: "+84388000002" }), notice);
    expect(await signUp(form({ kind: "phone", phone: "+84388000002" }), notice)).toEqual({ ok: false, reason: "duplicate" });

    await signUp(form({ kind: "email", email: "mai@example.vn" }), notice);
    expect(await signUp(form({ kind: "email", email: "mai@example.vn" }), notice)).toEqual({ ok: false, reason: "duplicate" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await db.outboxMessage.findMany({ where: { to: "mai@example.vn" } })).toHaveLength(1);
  });

  test("common passwords are refused, and a province must exist", async () => {
    expect(await signUp(form({ kind: "phone", phone: "+84388000003" }, "password123"), notice)).toMatchObject({ reason: "field", problem: { field: "password" } });
    expect(await signUp({ ...form({ kind: "phone", phone: "+84388000003" }), provinceCode: "99" }, notice)).toMatchObject({
      reason: "field",
      problem: { field: "provinceCode" },
    });
  });
});

describe("sign-in", () => {
  test("the right password signs in; an unknown account and a wrong password get the same answer", async () => {
    const { identifier } = await createUser({ phone: "+84388000010" });
    expect(await authenticate({ identifier, password: TEST_PASSWORD })).toMatchObject({ ok: true });
    expect(await authenticate({ identifier, password: "wrong-password" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ identifier: { kind: "phone", phone: "+84388000099" }, password: "wrong-password" })).toEqual({ ok: false, reason: "invalid" });
  });

  test("without a device cookie, after five failures an account waits, known or not, and the right password waits too", async () => {
    const { identifier } = await createUser({ phone: "+84388000011" });
    const unknown = { kind: "phone" as const, phone: "+84388000098" };
    for (let i = 0; i < throttlePolicies.signInAccount.free; i++) {
      await authenticate({ identifier, password: "wrong" });
      await authenticate({ identifier: unknown, password: "wrong" });
    }
    const known = await authenticate({ identifier, password: TEST_PASSWORD });
    const stranger = await authenticate({ identifier: unknown, password: "wrong" });
    expect(known).toMatchObject({ ok: false, reason: "throttled" });
    expect(stranger).toMatchObject({ ok: false, reason: "throttled" });
  });

  test("a device cookie exempts its own account from a stranger's lockout; its own limit still holds a thief", async () => {
    const { id, identifier } = await createUser({ phone: "+84388000013" });
    const phone = { device: { userId: id, nonce: nonce() } };
    const laptop = { device: { userId: id, nonce: nonce() } };
    const stranger = await runInRequestScope("198.51.100.8", async () => {
      const answers = [];
      for (let i = 0; i < 50; i++) answers.push(await authenticate({ identifier, password: `doan-${i}` }));
      return answers;
    });
    expect(stranger.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(throttlePolicies.signInAccount.free);
    expect(await authenticate({ identifier, password: TEST_PASSWORD })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier, password: TEST_PASSWORD, ...phone })).toMatchObject({ ok: true });

    // Someone with the phone's cookie guesses at the same pace as anyone, and only that cookie waits.
    for (let i = 0; i < throttlePolicies.signInDevice.free; i++) {
      expect(await authenticate({ identifier, password: `doan-lai-${i}`, ...phone })).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await authenticate({ identifier, password: TEST_PASSWORD, ...phone })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier, password: TEST_PASSWORD, ...laptop })).toMatchObject({ ok: true });
  });

  test("a device cookie for one account does not exempt another", async () => {
    const a = await createUser({ phone: "+84388000014" });
    const b = await createUser({ phone: "+84388000015" });
    for (let i = 0; i < throttlePolicies.signInAccount.free; i++) await authenticate({ identifier: b.identifier, password: "wrong" });
    const deviceOfA = { userId: a.id, nonce: nonce() };
    expect(await authenticate({ identifier: b.identifier, password: TEST_PASSWORD, device: deviceOfA })).toMatchObject({ reason: "throttled" });
    expect(await authenticate({ identifier: a.identifier, password: TEST_PASSWORD, device: deviceOfA })).toMatchObject({ ok: true });
  });

  test("a burst of parallel guesses gets no more tries than guesses one after another", async () => {
    const { identifier } = await createUser({ phone: "+84388000012" });
    const free = throttlePolicies.signInAccount.free;
    const answers = await Promise.all(Array.from({ length: 4 * free }, () => authenticate({ identifier, password: "wrong" })));
    expect(answers.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(free);
    expect(answers.filter((a) => !a.ok && a.reason === "throttled")).toHaveLength(3 * free);
  });

  test("signing in well does not count against the address", async () => {
    await runInRequestScope("203.0.113.10", async () => {
      const { identifier } = await createUser();
      for (let i = 0; i < 3; i++) expect(await authenticate({ identifier, password: TEST_PASSWORD })).toMatchObject({ ok: true });
      await authenticate({ identifier, password: "wrong" });
      expect(await db.throttle.findUnique({ where: { key: "sign-in:ip:203.0.113.10" }, select: { hits: true } })).toEqual({ hits: 1 });
    });
  });

  test("failures from one address are limited across accounts", async () => {
    await runInRequestScope("203.0.113.9", async () => {
      await db.throttle.create({
        data: { key: "sign-in:ip:203.0.113.9", hits: throttlePolicies.signInAddress.free + 1, blockedUntil: new Date(Date.now() + 60_000), updatedAt: new Date() },
      });
      const { identifier } = await createUser();
      expect(await authenticate({ identifier, password: TEST_PASSWORD })).toMatchObject({ reason: "throttled" });
    });
  });

  test("a disabled account is told so only after the right password", async () => {
    const { id, identifier } = await createUser();
    await db.user.update({ where: { id }, data: { disabledAt: new Date() } });
    expect(await authenticate({ identifier, password: "wrong" })).toEqual({ ok: false, reason: "invalid" });
    expect(await authenticate({ identifier, password: TEST_PASSWORD })).toEqual({ ok: false, reason: "disabled" });
  });

  test("a hash made with older parameters is upgraded at sign-in", async () => {
    const { id, identifier } = await createUser();
    const { hash } = await import("@node-rs/argon2");
    const weak = await hash(TEST_PASSWORD, { memoryCost: 4096, timeCost: 1, parallelism: 1, algorithm: 2 });
    await db.user.update({ where: { id }, data: { passwordHash: weak } });
    expect(await authenticate({ identifier, password: TEST_PASSWORD })).toMatchObject({ ok: true });
    const { passwordHash } = await db.user.findUniqueOrThrow({ where: { id } });
    expect(passwordHash).not.toBe(weak);
    expect(passwordHash).toMatch(/m=19456,t=2,p=1/);
  });
});

describe("the learner's own data", () => {
  test("consents change one purpose at a time, each change in the audit log", async () => {
    const { id } = await createUser();
    await setConsents(id, { "share-with-unit": true, statistics: false });
    await setConsents(id, { "share-with-unit": true, statistics: true });
    await setConsents(id, { "share-with-unit": false, statistics: true });
    expect((await getAccount(id))?.consent).toEqual({ "learning-records": true, "share-with-unit": false, statistics: true });
    const changes = await db.auditEvent.findMany({ where: { subjectId: id, action: "consent.changed" }, orderBy: { id: "asc" } });
    expect(changes.map((c) => JSON.parse(c.details) as unknown)).toEqual([
      { purpose: "share-with-unit", granted: true },
      { purpose: "statistics", granted: true },
      { purpose: "share-with-unit", granted: false },
    ]);
  });

  test("changing the password needs the current one and refuses common ones", async () => {
    const { id, identifier } = await createUser();
    expect(await changePassword(id, { currentPassword: "nope", password: "mot-cau-moi-dai" })).toMatchObject({ ok: false, problem: { field: "currentPassword" } });
    expect(await changePassword(id, { currentPassword: TEST_PASSWORD, password: "iloveyou123" })).toMatchObject({ ok: false, problem: { field: "password" } });
    expect(await changePassword(id, { currentPassword: TEST_PASSWORD, password: "mot-cau-moi-dai" })).toEqual({ ok: true });
    expect(await authenticate({ identifier, password: "mot-cau-moi-dai" })).toMatchObject({ ok: true });
  });

  test("the export holds the account, its consents and its history, and nothing of anyone else", async () => {
    const { id } = await createUser({ fullName: "Hà Văn Xuất" });
    await createUser({ fullName: "Người Khác" });
    const data = await exportAccountData(id);
    const text = JSON.stringify(data);
    expect(data.account).toMatchObject({ id, fullName: "Hà Văn Xuất" });
    expect(data.account.consents).toHaveLength(3);
    expect(data.history.map((h) => h.action)).toContain("account.created");
    expect(text).not.toContain("Người Khác");
    expect(text).not.toContain("passwordHash");
  });

  test("deleting the account removes its email and phone from every table; the audit log keeps only the id", async () => {
    const { id, identifier } = await createUser({ email: "xoa@example.vn" });
    await db.user.update({ where: { id }, data: { phone: "+84388000030" } });
    const byPhone = { kind: "phone" as const, phone: "+84388000030" };
    // The traces an account leaves: failed sign-ins and reset requests naming it, reset links and their mail, sessions.
    await authenticate({ identifier, password: "wrong" });
    await authenticate({ identifier: byPhone, password: "wrong" });
    await requestPasswordReset(identifier, () => ({ subject: "Reset", body: "…" }));
    await requestPasswordReset(byPhone, () => ({ subject: "Reset", body: "…" }));
    await signedInRequest(id);
    await vi.waitFor(async () => expect(await db.outboxMessage.count({ where: { to: { in: ["xoa@example.vn", "+84388000030"] } } })).toBe(2));

    expect(await deleteAccount(id, "wrong")).toMatchObject({ ok: false });
    expect(await deleteAccount(id, TEST_PASSWORD)).toEqual({ ok: true });
    expect(await db.user.count({ where: { id } })).toBe(0);
    for (const [table, rows] of Object.entries(await everyRow())) {
      const text = JSON.stringify(rows);
      for (const trace of ["xoa@example.vn", "+84388000030", "0388000030"]) expect(text, `${table} keeps ${trace}`).not.toContain(trace);
      if (table !== "AuditEvent") expect(text, `${table} keeps the account's id`).not.toContain(id);
    }
    const events = await db.auditEvent.findMany({ where: { subjectId: id } });
    expect(events.map((e) => e.action)).toContain("account.deleted");
  });
});

/** Every row of every table, read with SQL so that tables added later are checked too. */
async function everyRow() {
  const tables = await db.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '_prisma_migrations'`;
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables) rows[name] = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}"`);
  return rows;
}

test("common passwords include the breach list, Vietnamese favourites and keyboard runs", async () => {
  expect(isCommonPassword("password1")).toBe(true);
  expect(isCommonPassword("anhyeuem123")).toBe(true);
  expect(isCommonPassword("12345678")).toBe(true);
  expect(isCommonPassword("aaaaaaaaaa")).toBe(true);
  expect(isCommonPassword("trâu ơi ta bảo trâu này")).toBe(false);
  expect(await hashPassword("x")).toMatch(/^\$argon2id\$/);
});
