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
import { takeAttempt, throttleCheck } from "~/models/throttle.server";
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
 *
 * Too many requests from one address are told to wait. Too many for one
 * account are not refused: anyone can type anyone's address, and a refusal
 * would let a stranger keep the owner from resetting. They are answered as
 * usual but send nothing, which only spares the owner's mailbox. Mail is
 * held back for at most a link's lifetime after the last link sent (the
 * resetAccount ceiling), and asking again leaves earlier links working, so
 * whenever the owner's request sends nothing, a link that still works is
 * already in their mailbox.
 */
export async function requestPasswordReset(
  identifier: SignInIdentifier,
  compose: (url: string) => { subject: string; body: string },
): Promise<ResetRequestResult> {
  const value = identifier.kind === "email" ? identifier.email : identifier.phone;
  const waitMs = await takeAttempt([throttleCheck("resetAddress", clientIp())]);
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };
  // Counted before sending, like every limit (see takeAttempt), but in a
  // transaction of its own: its wait means "send nothing", not "refuse".
  if ((await takeAttempt([throttleCheck("resetAccount", value)])) > 0) return { ok: true };

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

export type ResetResult = { ok: true; userId: string } | { ok: false; reason: "invalidToken" } | { ok: false; reason: "commonPassword" };

export async function resetPassword({ token, password }: { token: string; password: string }): Promise<ResetResult> {
  if (isCommonPassword(password)) return { ok: false, reason: "commonPassword" };
  const id = hashToken(token);
  // A link that cannot work is refused before the password is hashed: a
  // hash costs tens of milliseconds of CPU, and made-up tokens cost nothing.
  const usable = await db.passwordResetToken.count({ where: { id, usedAt: null, expiresAt: { gt: new Date() } } });
  if (usable !== 1) return { ok: false, reason: "invalidToken" };
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
  return { ok: true, userId };
}

/** A link made by an admin or manager for a learner (callers check that they may: models/people.server.ts). */
export async function createResetLinkFor({ actorId, userId }: { actorId: string; userId: string }) {
  const link = await createResetToken(userId, actorId);
  await auditEvent({ actorId, action: "password.resetLinkCreated", subjectId: userId });
  return link;
}
