/**
 * Growing delays after repeated failures, to make password guessing slow.
 *
 * Keys name what is limited: the account typed in ("sign-in:id:+84912…",
 * whether or not it exists, so a limit never tells whether an account
 * does), a device cookie ("sign-in:device:<nonce>") and the client's
 * address ("sign-in:ip:203.0.113.7"). The first few attempts are free; then
 * each one waits twice as long as the one before, up to a ceiling. A quiet
 * period forgets the count.
 */
import { db } from "~/utils/db.server";
import { RESET_TOKEN_MINUTES } from "~/utils/schemas/account";

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
  // Sign-ins from browsers without the account's device cookie. A learner who
  // forgot their password has five tries before the first 30 s wait.
  signInAccount: { free: 5, baseMs: 30_000, maxMs: 15 * minute, windowMs: 24 * 60 * minute },
  // Sign-ins from a browser with the account's device cookie: the owner's own
  // phone is never held up by a stranger's guesses, and a stolen cookie
  // guesses no faster than anyone else.
  signInDevice: { free: 5, baseMs: 30_000, maxMs: 15 * minute, windowMs: 24 * 60 * minute },
  // One address may be a commune office where a community team signs up a
  // whole village, or a school sharing one connection: generous per address.
  signInAddress: { free: 100, baseMs: 30_000, maxMs: 15 * minute, windowMs: 60 * minute },
  signUpAddress: { free: 100, baseMs: minute, maxMs: 60 * minute, windowMs: 60 * minute },
  // Reset mail for one account. Over the limit, requests are answered as
  // usual but send nothing (models/password-reset.server.ts); the ceiling is
  // a link's lifetime, so while mail is held back the last link still works.
  resetAccount: { free: 3, baseMs: 5 * minute, maxMs: RESET_TOKEN_MINUTES * minute, windowMs: 60 * minute },
  resetAddress: { free: 20, baseMs: minute, maxMs: 60 * minute, windowMs: 60 * minute },
  // Certificate lookups that find nothing (found ones are given back): a
  // clerk mistyping a code a few times is fine; guessing codes is not.
  certificateLookup: { free: 30, baseMs: minute, maxMs: 60 * minute, windowMs: 60 * minute },
} satisfies Record<string, ThrottlePolicy>;

export type ThrottleName = keyof typeof throttlePolicies;
export type ThrottleCheck = { key: string; policy: ThrottlePolicy };

/** What each limit counts, as the start of its keys. */
const keyPrefixes: Record<ThrottleName, string> = {
  signInAccount: "sign-in:id:",
  signInDevice: "sign-in:device:",
  signInAddress: "sign-in:ip:",
  signUpAddress: "sign-up:ip:",
  resetAccount: "reset:id:",
  resetAddress: "reset:ip:",
  certificateLookup: "certificate:ip:",
};

/** One limit applied to one subject: an account as typed, a device cookie's nonce, a client's address. */
export function throttleCheck(name: ThrottleName, subject: string): ThrottleCheck {
  return { key: `${keyPrefixes[name]}${subject}`, policy: throttlePolicies[name] };
}

/** The limits whose keys hold what was typed to name an account: an email address or a phone number. */
const limitsNamingAccounts = ["signInAccount", "resetAccount"] as const satisfies readonly ThrottleName[];

/** Every key that names one of these email addresses or phone numbers, to forget them with the account. */
export function keysNaming(identifiers: string[]): string[] {
  return identifiers.flatMap((identifier) => limitsNamingAccounts.map((name) => throttleCheck(name, identifier).key));
}

/**
 * Counts an attempt against every key and says how long the caller must
 * wait first: 0 means go ahead. A refused attempt is not counted.
 *
 * Attempts are counted before the work they limit (a password check, a
 * sign-up), in one transaction with the check: checking first and counting
 * after the work would let a burst of parallel guesses all pass the check
 * before the first of them was counted. A caller whose attempt succeeds
 * gives it back (giveBack) or clears the key (clearThrottle).
 */
export async function takeAttempt(checks: ThrottleCheck[], now = new Date()): Promise<number> {
  const waitMs = await db.$transaction(async (tx) => {
    const rows = await tx.throttle.findMany({ where: { key: { in: checks.map((c) => c.key) } } });
    const waitMs = Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
    if (waitMs > 0) return waitMs;
    for (const { key, policy } of checks) {
      const row = rows.find((r) => r.key === key);
      const stale = !row || now.getTime() - row.updatedAt.getTime() > policy.windowMs;
      const hits = stale ? 1 : row.hits + 1;
      const data = { hits, blockedUntil: blockedUntil(hits, policy, now), updatedAt: now };
      await tx.throttle.upsert({ where: { key }, create: { key, ...data }, update: data });
    }
    return 0;
  });
  // Now and then rather than on every attempt: the table stays small without a job to run it.
  if (now.getTime() - lastPurgeAt >= PURGE_EVERY_MS) await purgeExpiredThrottles(now);
  return waitMs;
}

// A row whose last attempt is older than the longest window, and whose wait
// is over, can no longer hold anyone up under any policy: takeAttempt would
// start its count again. Shorter-window rows may so outlive their use by up
// to a day, which keeps the rule to one statement that is obviously right.
const longestWindowMs = Math.max(...Object.values(throttlePolicies).map((p) => p.windowMs));
const PURGE_EVERY_MS = 60_000;
let lastPurgeAt = -Infinity;

/** Deletes rows that can no longer hold anyone up (run at start-up, and by takeAttempt once a minute). Returns how many. */
export async function purgeExpiredThrottles(now = new Date()): Promise<number> {
  // Set before the delete, so that a burst of attempts purges once, not once each.
  lastPurgeAt = now.getTime();
  const { count } = await db.throttle.deleteMany({
    where: {
      updatedAt: { lt: new Date(now.getTime() - longestWindowMs) },
      OR: [{ blockedUntil: null }, { blockedUntil: { lte: now } }],
    },
  });
  return count;
}

/**
 * How long the caller must wait, without counting anything: for limits that
 * count only failures (a certificate code that does not exist), so the
 * common case, a success, writes nothing. Read, then count on failure.
 */
export async function currentWait({ key }: ThrottleCheck, now = new Date()): Promise<number> {
  const row = await db.throttle.findUnique({ where: { key }, select: { blockedUntil: true } });
  return row?.blockedUntil ? Math.max(0, row.blockedUntil.getTime() - now.getTime()) : 0;
}

/** Takes back one counted attempt that turned out well (a correct password, seen from a busy address). */
export async function giveBack({ key, policy }: ThrottleCheck, now = new Date()) {
  await db.$transaction(async (tx) => {
    const row = await tx.throttle.findUnique({ where: { key } });
    if (!row) return;
    const hits = Math.max(0, row.hits - 1);
    await tx.throttle.update({ where: { key }, data: { hits, blockedUntil: blockedUntil(hits, policy, now) } });
  });
}

function blockedUntil(hits: number, policy: ThrottlePolicy, now: Date): Date | null {
  const delay = delayFor(hits, policy);
  return delay > 0 ? new Date(now.getTime() + delay) : null;
}

export function delayFor(hits: number, policy: ThrottlePolicy): number {
  if (hits < policy.free) return 0;
  return Math.min(policy.maxMs, policy.baseMs * 2 ** (hits - policy.free));
}

/** A success clears the account's count (not the address's: one success does not excuse a hundred failures). */
export async function clearThrottle(key: string) {
  await db.throttle.deleteMany({ where: { key } });
}
