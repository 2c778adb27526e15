import { beforeAll, expect, test } from "vitest";
import { createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { isResetTokenUsable, requestPasswordReset, resetPassword, type ResetRequestResult } from "~/models/password-reset.server";
import { delayFor, throttlePolicies } from "~/models/throttle.server";
import { authenticate } from "~/models/user.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";
import { RESET_TOKEN_MINUTES } from "~/utils/schemas/account";

beforeAll(seedReferenceData);

const compose = (url: string) => ({ subject: "Reset", body: `Open ${url}` });
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

async function linkSentTo(to: string) {
  await settle();
  const message = await db.outboxMessage.findFirst({ where: { to }, orderBy: { id: "desc" } });
  const token = /token=([A-Za-z0-9_-]+)/.exec(message?.body ?? "")?.[1];
  return { message, token };
}

test("a reset link reaches the outbox; the database keeps only the token's hash", async () => {
  const { identifier } = await createUser({ email: "quen@example.vn" });
  expect(await requestPasswordReset(identifier, compose)).toEqual({ ok: true });
  const { message, token } = await linkSentTo("quen@example.vn");
  expect(message?.channel).toBe("email");
  expect(token).toBeDefined();
  const rows = await db.passwordResetToken.findMany();
  expect(rows.some((r) => r.id === token)).toBe(false);
  expect(await isResetTokenUsable(token!)).toBe(true);
});

test("a phone account's link goes to the text-message outbox", async () => {
  const { identifier } = await createUser({ phone: "+84368000001" });
  await requestPasswordReset(identifier, compose);
  expect((await linkSentTo("+84368000001")).message?.channel).toBe("sms");
});

test("an unknown account gets the same answer and nothing is sent", async () => {
  const before = await db.outboxMessage.count();
  expect(await requestPasswordReset({ kind: "email", email: "khong-co@example.vn" }, compose)).toEqual({ ok: true });
  await settle();
  expect(await db.outboxMessage.count()).toBe(before);
});

test("the link works once, sets the password and ends every session", async () => {
  const { id, identifier } = await createUser({ email: "motlan@example.vn" });
  const { request } = await signedInRequest(id);
  await requestPasswordReset(identifier, compose);
  const { token } = await linkSentTo("motlan@example.vn");

  expect(await resetPassword({ token: token!, password: "mat-khau-moi-dai" })).toMatchObject({ ok: true });
  expect(await getUser(request)).toBeNull();
  expect(await authenticate({ identifier, password: "mat-khau-moi-dai" })).toMatchObject({ ok: true });
  expect(await resetPassword({ token: token!, password: "mot-lan-nua-thoi" })).toEqual({ ok: false, reason: "invalidToken" });
  expect(await isResetTokenUsable(token!)).toBe(false);
});

test("two submissions racing with one link: exactly one wins", async () => {
  const { identifier } = await createUser({ email: "dua@example.vn" });
  await requestPasswordReset(identifier, compose);
  const { token } = await linkSentTo("dua@example.vn");
  const results = await Promise.all([
    resetPassword({ token: token!, password: "mat-khau-thu-nhat" }),
    resetPassword({ token: token!, password: "mat-khau-thu-hai" }),
  ]);
  expect(results.filter((r) => r.ok)).toHaveLength(1);
});

test("a link older than 30 minutes no longer works", async () => {
  const { identifier } = await createUser({ email: "cu@example.vn" });
  await requestPasswordReset(identifier, compose);
  const { token } = await linkSentTo("cu@example.vn");
  await db.passwordResetToken.updateMany({ data: { expiresAt: new Date(Date.now() - 1000) } });
  expect(await resetPassword({ token: token!, password: "mat-khau-moi-dai" })).toEqual({ ok: false, reason: "invalidToken" });
});

test("a stranger asking again and again never keeps the owner from resetting: the mail stops, the answer does not", async () => {
  const { identifier } = await createUser({ email: "nhieu@example.vn" });
  const unknown = { kind: "email" as const, email: "nhieu-khong-co@example.vn" };
  const known: ResetRequestResult[] = [];
  const stranger: ResetRequestResult[] = [];
  await runInRequestScope("198.51.100.9", async () => {
    for (let i = 0; i < 10; i++) {
      known.push(await requestPasswordReset(identifier, compose));
      stranger.push(await requestPasswordReset(unknown, compose));
    }
  });
  // Nothing is refused, for an account or for nobody alike...
  expect(known.every((r) => r.ok)).toBe(true);
  expect(stranger).toEqual(known);
  // ...but the owner's mailbox gets only the first few links.
  await settle();
  expect(await db.outboxMessage.count({ where: { to: "nhieu@example.vn" } })).toBe(throttlePolicies.resetAccount.free);

  // The owner asks too, is answered the same, and the last link they received works.
  expect(await requestPasswordReset(identifier, compose)).toEqual({ ok: true });
  const { token } = await linkSentTo("nhieu@example.vn");
  expect(await resetPassword({ token: token!, password: "mat-khau-moi-dai" })).toMatchObject({ ok: true });
});

test("mail is never held back longer than a link lives, so while it is, a working link is waiting", () => {
  for (let hits = 1; hits < 50; hits++) {
    expect(delayFor(hits, throttlePolicies.resetAccount)).toBeLessThanOrEqual(RESET_TOKEN_MINUTES * 60_000);
  }
});

test("one address asking for many accounts is told to wait", async () => {
  await runInRequestScope("203.0.113.20", async () => {
    const answers = [];
    for (let i = 0; i <= throttlePolicies.resetAddress.free; i++) {
      answers.push(await requestPasswordReset({ kind: "email", email: `ai-do-${i}@example.vn` }, compose));
    }
    expect(answers.at(-1)).toMatchObject({ ok: false, reason: "throttled" });
  });
});

test("a made-up or used link is refused before the password is hashed: guessing tokens costs the server no hashing", async () => {
  // CPU time, not wall time: a password hash here costs about 20 ms of CPU; a refused link a few statements.
  const cpuOf = async (fn: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(before);
    return (used.user + used.system) / 1000;
  };
  await resetPassword({ token: "khoi-dong", password: "mot-mat-khau-moi-rat-dai" }); // warm up
  const refused: number[] = [];
  for (let i = 0; i < 10; i++) refused.push(await cpuOf(() => resetPassword({ token: `bia-dat-${i}`, password: "mot-mat-khau-moi-rat-dai" })));
  const { hashPassword } = await import("~/models/password.server");
  const hashing = await cpuOf(() => hashPassword("mot-mat-khau-moi-rat-dai"));
  // The median, so that a garbage collection during one call does not decide.
  const median = refused.sort((a, b) => a - b)[5]!;
  expect(median).toBeLessThan(hashing / 2);
});
