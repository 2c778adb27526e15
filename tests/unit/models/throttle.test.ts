import { expect, test } from "vitest";
import { clearThrottle, delayFor, giveBack, purgeExpiredThrottles, takeAttempt, throttlePolicies, type ThrottlePolicy } from "~/models/throttle.server";
import { db } from "~/utils/db.server";

const policy: ThrottlePolicy = { free: 3, baseMs: 1_000, maxMs: 10_000, windowMs: 60_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 23) + ms);
const hitsOf = async (key: string) => (await db.throttle.findUnique({ where: { key } }))?.hits ?? 0;

test("delays start at the last free failure, double each time and stop at the ceiling", () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((hits) => delayFor(hits, policy))).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
});

test("the first attempts are free, then each must wait a growing time; a refused attempt is not counted", async () => {
  const check = [{ key: "t:grow", policy }];
  expect(await takeAttempt(check, at(0))).toBe(0);
  expect(await takeAttempt(check, at(0))).toBe(0);
  expect(await takeAttempt(check, at(0))).toBe(0); // the third sets a 1 s wait for the next
  expect(await takeAttempt(check, at(0))).toBe(1_000);
  expect(await takeAttempt(check, at(500))).toBe(500);
  expect(await hitsOf("t:grow")).toBe(3);

  expect(await takeAttempt(check, at(1_000))).toBe(0);
  expect(await takeAttempt(check, at(1_000))).toBe(2_000);
});

test("the longest wait of several keys applies, nothing is counted when one is blocked, and a quiet period forgets", async () => {
  const account = { key: "t:account", policy };
  const address = { key: "t:address", policy: { ...policy, free: 1 } };
  expect(await takeAttempt([account, address], at(0))).toBe(0);
  expect(await takeAttempt([account, address], at(0))).toBe(1_000);
  expect(await hitsOf("t:account")).toBe(1);

  await takeAttempt([account], at(0));
  await takeAttempt([account], at(0));
  expect(await takeAttempt([account], at(0))).toBe(1_000);
  // Long after the window: the next attempt counts as the first again.
  expect(await takeAttempt([account], at(200_000))).toBe(0);
  expect(await hitsOf("t:account")).toBe(1);
});

test("parallel attempts are counted one by one: no burst passes the check together", async () => {
  const check = [{ key: "t:burst", policy }];
  const waits = await Promise.all(Array.from({ length: 10 }, () => takeAttempt(check, at(0))));
  expect(waits.filter((w) => w === 0)).toHaveLength(policy.free);
  expect(await hitsOf("t:burst")).toBe(policy.free);
});

test("giving an attempt back uncounts it and lifts the wait it set; clearing a key ends its wait", async () => {
  const check = { key: "t:give", policy };
  for (let i = 0; i < 3; i++) await takeAttempt([check], at(0));
  expect(await takeAttempt([check], at(0))).toBeGreaterThan(0);
  await giveBack(check, at(0));
  expect(await hitsOf("t:give")).toBe(2);
  expect(await takeAttempt([check], at(0))).toBe(0);

  await clearThrottle("t:give");
  expect(await hitsOf("t:give")).toBe(0);
  expect(await takeAttempt([check], at(0))).toBe(0);
});

test("rows that can no longer hold anyone up are purged, at start-up and now and then as attempts are counted", async () => {
  const longest = Math.max(...Object.values(throttlePolicies).map((p) => p.windowMs));
  const keys = async () => (await db.throttle.findMany({ where: { key: { startsWith: "t:purge" } }, orderBy: { key: "asc" } })).map((r) => r.key);
  await db.throttle.createMany({
    data: [
      { key: "t:purge:forgotten", hits: 3, blockedUntil: null, updatedAt: at(-longest - 1) },
      { key: "t:purge:served", hits: 9, blockedUntil: at(-longest + 60_000), updatedAt: at(-longest - 1) },
      { key: "t:purge:recent", hits: 1, blockedUntil: null, updatedAt: at(-60_000) },
      { key: "t:purge:blocked", hits: 9, blockedUntil: at(60_000), updatedAt: at(-longest - 1) },
    ],
  });
  expect(await purgeExpiredThrottles(at(0))).toBe(2);
  expect(await keys()).toEqual(["t:purge:blocked", "t:purge:recent"]);

  // Later, counting any attempt clears what has expired meanwhile.
  await takeAttempt([{ key: "t:purge:later", policy }], at(longest + 120_000));
  expect(await keys()).toEqual(["t:purge:later"]);
});
