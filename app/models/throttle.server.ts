/**
 * Growing delays after repeated failures, to make password guessing slow.
 *
 * Keys name what is limited: the account typed in ("sign-in:id:+84912…",
 * whether or not it exists, so a limit never tells whether an account
 * does) and the client's address ("sign-in:ip:203.0.113.7"). The first few
 * attempts are free; then each one waits twice as long as the one before,
 * up to a ceiling. A quiet period forgets the count.
 */
import { db } from "~/utils/db.server";

export type ThrottlePolicy = {
  /** Failures allowed before the first wait: the wait starts at this many. */
  free: number;
  /** The first delay; each later one doubles it. */
  baseMs: number;
  maxMs: number;
  /** After this long without attempts the count starts again. */
  windowMs: number;
};

const minute = 60_000;

export const throttlePolicies = {
  // A learner who forgot their password has five tries before the first 30 s wait.
  signInAccount: { free: 5, baseMs: 30_000, maxMs: 15 * minute, windowMs: 24 * 60 * minute },
  // One address may be a commune office where a community team signs up a
  // whole village, or a school sharing one connection: generous per address.
  signInAddress: { free: 100, baseMs: 30_000, maxMs: 15 * minute, windowMs: 60 * minute },
  signUpAddress: { free: 100, baseMs: minute, maxMs: 60 * minute, windowMs: 60 * minute },
  resetAccount: { free: 3, baseMs: 5 * minute, maxMs: 60 * minute, windowMs: 60 * minute },
  resetAddress: { free: 20, baseMs: minute, maxMs: 60 * minute, windowMs: 60 * minute },
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleCheck = { key: string; policy: ThrottlePolicy };

/** How long the caller must still wait (0 when free to go), over all the keys given. One query. */
export async function throttleWait(checks: ThrottleCheck[], now = new Date()): Promise<number> {
  const rows = await db.throttle.findMany({
    where: { key: { in: checks.map((c) => c.key) } },
    select: { blockedUntil: true },
  });
  return Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
}

/** Counts one more failure (or one more use, for limits on sign-up and reset) against each key. */
export async function recordThrottleHit(checks: ThrottleCheck[], now = new Date()) {
  for (const { key, policy } of checks) {
    const row = await db.throttle.findUnique({ where: { key }, select: { hits: true, updatedAt: true } });
    const stale = !row || now.getTime() - row.updatedAt.getTime() > policy.windowMs;
    const hits = stale ? 1 : row.hits + 1;
    const delay = delayFor(hits, policy);
    const blockedUntil = delay > 0 ? new Date(now.getTime() + delay) : null;
    await db.throttle.upsert({
      where: { key },
      create: { key, hits, blockedUntil, updatedAt: now },
      update: { hits, blockedUntil, updatedAt: now },
    });
  }
}

export function delayFor(hits: number, policy: ThrottlePolicy): number {
  if (hits < policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (hits - policy.free));
}

/** A success clears the account's count (not the address's: one success does not excuse a hundred failures). */
export async function clearThrottle(key: string) {
  await db.throttle.deleteMany({ where: { key } });
}
