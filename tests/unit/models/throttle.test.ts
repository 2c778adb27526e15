import { expect, test } from "vitest";
import { clearThrottle, delayFor, recordThrottleHit, throttleWait, type ThrottlePolicy } from "~/models/throttle.server";

const policy: ThrottlePolicy = { free: 3, baseMs: 1_000, maxMs: 10_000, windowMs: 60_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 23) + ms);

test("delays start at the last free failure, double each time and stop at the ceiling", () => {
  expect([1, 2, 3, 4, 5, 6, 7, 8].map((hits) => delayFor(hits, policy))).toEqual([0, 0, 1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
});

test("an account is free for the first attempts, then must wait a growing time", async () => {
  const check = [{ key: "t:grow", policy }];
  for (let i = 0; i < 2; i++) await recordThrottleHit(check, at(0));
  expect(await throttleWait(check, at(0))).toBe(0);

  await recordThrottleHit(check, at(0));
  expect(await throttleWait(check, at(0))).toBe(1_000);
  expect(await throttleWait(check, at(1_000))).toBe(0);

  await recordThrottleHit(check, at(1_000));
  expect(await throttleWait(check, at(1_000))).toBe(2_000);
});

test("the longest wait of several keys applies, and a quiet period forgets the count", async () => {
  const account = { key: "t:account", policy };
  const address = { key: "t:address", policy: { ...policy, free: 1 } };
  await recordThrottleHit([account, address], at(0));
  expect(await throttleWait([account, address], at(0))).toBe(1_000);

  for (let i = 0; i < 5; i++) await recordThrottleHit([account], at(0));
  expect(await throttleWait([account], at(0))).toBeGreaterThan(0);
  // Long after the window: the next failure counts as the first again.
  await recordThrottleHit([account], at(120_000));
  expect(await throttleWait([account], at(120_000))).toBe(0);
});

test("clearing a key ends its wait", async () => {
  const check = [{ key: "t:clear", policy: { ...policy, free: 1 } }];
  await recordThrottleHit(check, at(0));
  expect(await throttleWait(check, at(0))).toBeGreaterThan(0);
  await clearThrottle("t:clear");
  expect(await throttleWait(check, at(0))).toBe(0);
});
