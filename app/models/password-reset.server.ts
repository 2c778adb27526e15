/**
 * Password reset by one-time link: the learner asks, receives a link by
 * email (or text message), and sets a new password. An admin or a unit
 * manager can also make a link for a learner who has no email and hand it
 * over in person.
 *
 * Tokens are 32 random bytes; only their SHA-256 is stored. A token works
 * once, for 30 minutes, and setting a password ends every session.
 */
import crypto from "node:crypto";
import { auditEvent } from "~/models/audit.server";
import { hashPassword, isCommonPassword } from "~/models/password.server";
import { takeAttempt, throttlePolicies } from "~/models/throttle.server";
import { setPassword } from "~/models/user.server";
import { hashToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { sendInBackground } from "~/utils/mail.server";
import type { SignInIdentifier } from "~/utils/phone";
import { clientIp } from "~/utils/request-scope.server";
import { RESET_TOKEN_MINUTES } from "~/utils/schemas/account";


async function createResetToken(userId: string, createdById: string | null) {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.passwordResetToken.create({
    data: {
      id: hashToken(token),
      userId,
      createdById,
      expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000),
    },
  });
  return { token, url: `${env().PUBLIC_URL}/reset-password?${new URLSearchParams({ token })}` };
}

export type ResetRequestResult = { ok: true } | { ok: false; reason: "throttled"; waitMs: number };

/**
 * Sends a reset link if the account exists. The answer is the same either
 * way, and the sending happens after the answer, so neither words nor
 * timing say whether the account exists.
 */
export async function requestPasswordReset(
  identifier: SignInIdentifier,
  compose: (url: string) => { subject: string; body: string },
): Promise<ResetRequestResult> {
  const value = identifier.kind === "email" ? identifier.email : identifier.phone;
  const checks = [
    { key: `reset:id:${value}`, policy: throttlePolicies.resetAccount },
    { key: `reset:ip:${clientIp()}`, policy: throttlePolicies.resetAddress },
  ];
  const waitMs = await takeAttempt(checks);
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };

  const user = await db.user.findUnique({
    where: identifier.kind === "email" ? { email: identifier.email } : { phone: identifier.phone },
    select: { id: true, disabledAt: true },
  });
  if (user && !user.disabledAt) {
    const { url } = await createResetToken(user.id, null);
    void sendInBackground({ channel: identifier.kind === "email" ? "email" : "sms", to: value, ...compose(url) });
  }
  return { ok: true };
}

/** Whether a link still works, for the reset page to say so before the learner types. */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  const row = await db.passwordResetToken.findUnique({ where: { id: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return Boolean(row && !row.usedAt && row.expiresAt > new Date());
}

export type ResetResult = { ok: true } | { ok: false; reason: "invalidToken" } | { ok: false; reason: "commonPassword" };

export async function resetPassword({ token, password }: { token: string; password: string }): Promise<ResetResult> {
  if (isCommonPassword(password)) return { ok: false, reason: "commonPassword" };
  const id = hashToken(token);
  const passwordHash = await hashPassword(password);
  // Claiming the token and using it is one conditional update: of two
  // submissions racing with one link, exactly one wins.
  const claimed = await db.passwordResetToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (claimed.count !== 1) return { ok: false, reason: "invalidToken" };
  const { userId, createdById } = await db.passwordResetToken.findUniqueOrThrow({ where: { id }, select: { userId: true, createdById: true } });
  await setPassword({ userId, passwordHash, actorId: createdById ?? userId, action: "password.reset" });
  // Older links of the same account stop working too.
  await db.passwordResetToken.updateMany({ where: { userId, usedAt: null }, data: { usedAt: new Date() } });
  return { ok: true };
}

/** A link made by an admin or manager for a learner (callers check that they may: models/people.server.ts). */
export async function createResetLinkFor({ actorId, userId }: { actorId: string; userId: string }) {
  const link = await createResetToken(userId, actorId);
  await auditEvent({ actorId, action: "password.resetLinkCreated", subjectId: userId });
  return link;
}
