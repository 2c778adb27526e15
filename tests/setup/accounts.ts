/**
 * Accounts for tests, made through the same model code sign-up uses, and
 * requests that carry a session cookie.
 */
import crypto from "node:crypto";
import { seed } from "../../prisma/seed";
import { signUp } from "~/models/user.server";
import { startSession } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { LearnerGroup } from "~/utils/schemas/account";

export const TEST_PASSWORD = "mot-cau-rat-dai-de-nho";

let seeded: Promise<void> | undefined;
/** Provinces, units and demo accounts, once per test file. */
export function seedReferenceData() {
  seeded ??= seed({ demo: true });
  return seeded;
}

export async function createUser({
  email,
  phone,
  fullName = "Nguyễn Văn Thử",
  learnerGroup = "resident",
  unitId,
  role,
}: { email?: string; phone?: string; fullName?: string; learnerGroup?: LearnerGroup; unitId?: string; role?: "learner" | "trainer" | "manager" | "admin" } = {}) {
  await seedReferenceData();
  const identifier = phone
    ? { kind: "phone" as const, phone }
    : { kind: "email" as const, email: email ?? `test-${crypto.randomUUID()}@example.vn` };
  const result = await signUp(
    {
      identifier,
      password: TEST_PASSWORD,
      fullName,
      learnerGroup,
      provinceCode: "46",
      commune: undefined,
      unitId,
      position: learnerGroup === "official" ? "Chuyên viên" : undefined,
      consentLearningRecords: true,
      consentShareWithUnit: false,
      consentStatistics: false,
      redirectTo: undefined,
    },
    { onDuplicateNotice: () => ({ subject: "duplicate", body: "duplicate" }) },
  );
  if (!result.ok) throw new Error(`could not create a test user: ${result.reason}`);
  if (role) await db.user.update({ where: { id: result.userId }, data: { role, managedUnitId: role === "manager" ? (unitId ?? null) : null } });
  return { id: result.userId, identifier };
}

/** The value of the session cookie in a Set-Cookie header. */
export function cookieFrom(setCookie: string): string {
  return setCookie.split(";")[0] ?? "";
}

export async function signedInRequest(userId: string, url = "http://localhost/") {
  const setCookie = await startSession(userId, new Request(url));
  return { request: new Request(url, { headers: { Cookie: cookieFrom(setCookie) } }), setCookie };
}
