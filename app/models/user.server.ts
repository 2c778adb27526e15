/**
 * A learner's own account: sign-up, sign-in, profile, consents, password,
 * their data and its deletion. Every function here acts on the account of
 * the userId it is given, which routes take from the session, never from
 * the form.
 */
import type * as z from "zod/v4-mini";
import { Prisma } from "~/generated/prisma/client";
import { auditEvent } from "~/models/audit.server";
import { certificatesForExport, forgetCertificateHolder } from "~/models/certificate.server";
import { setMembership } from "~/models/membership.server";
import { findUnit, provinceExists } from "~/models/org.server";
import { hashPassword, isCommonPassword, needsRehash, verifyAgainstNothing, verifyPassword } from "~/models/password.server";
import { clearThrottle, giveBack, keysNaming, takeAttempt, throttleCheck } from "~/models/throttle.server";
import type { DeviceClaim } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { sendInBackground } from "~/utils/mail.server";
import type { SignInIdentifier } from "~/utils/phone";
import { clientIp } from "~/utils/request-scope.server";
import type { ConsentPurpose, ProfileForm, Role, SignUpForm } from "~/utils/schemas/account";
import { consentFieldNames, consentPurposes } from "~/utils/schemas/account";
import { foldVietnamese } from "~/utils/text";

type SignUpData = z.infer<typeof SignUpForm>;
type ProfileData = z.infer<typeof ProfileForm>;

/** A problem with one field, as a message key the page translates. */
export type FieldProblem = {
  field: string;
  message: "password.common" | "account.provinceRequired" | "account.unitUnknown" | "assign.unitIsTeam" | "assign.teamUnknown" | "password.wrong";
};

export type SignUpResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "duplicate" }
  | { ok: false; reason: "throttled"; waitMs: number }
  | { ok: false; reason: "field"; problem: FieldProblem };

/** The column an identifier is stored in: { email } or { phone }. */
export function identifierColumns(identifier: SignInIdentifier) {
  return identifier.kind === "email" ? { email: identifier.email } : { phone: identifier.phone };
}

export function searchKeyFor(user: { fullName: string; email?: string | null; phone?: string | null }) {
  return foldVietnamese([user.fullName, user.email, user.phone, user.phone ? `0${user.phone.slice(3)}` : null].filter(Boolean).join(" "));
}

/**
 * The profile as stored, but for where the person belongs: residents keep
 * no position, and the search key follows the name and contacts. The unit
 * goes through setMembership, which keeps its history.
 */
function profileColumns(data: ProfileData, contact: { email?: string | null; phone?: string | null }) {
  return {
    fullName: data.fullName,
    learnerGroup: data.learnerGroup,
    provinceCode: data.provinceCode,
    commune: data.commune ?? null,
    searchKey: searchKeyFor({ fullName: data.fullName, ...contact }),
  };
}

/** Where the profile says the person belongs: an official's unit and position, or the community team a resident chose (no position). */
export function membershipOf(data: Pick<ProfileData, "learnerGroup" | "unitId" | "position" | "teamId">) {
  return data.learnerGroup === "official"
    ? { unitId: data.unitId ?? null, position: data.position ?? null }
    : { unitId: data.teamId ?? null, position: null };
}

/**
 * The province, and the unit the person chose: it must be in force, and of
 * the kind their group chooses (officials a unit that is not a team,
 * residents a team). What the list offers is checked again here, since a
 * form can be forged.
 */
async function checkProfileReferences(data: Pick<ProfileData, "provinceCode" | "unitId" | "learnerGroup" | "teamId">): Promise<FieldProblem | null> {
  if (!(await provinceExists(data.provinceCode))) return { field: "provinceCode", message: "account.provinceRequired" };
  if (data.learnerGroup === "official" && data.unitId) {
    const unit = await findUnit(data.unitId);
    if (!unit || unit.validTo) return { field: "unitId", message: "account.unitUnknown" };
    if (unit.kind === "team") return { field: "unitId", message: "assign.unitIsTeam" };
  }
  if (data.learnerGroup === "resident" && data.teamId) {
    const team = await findUnit(data.teamId);
    if (!team || team.validTo || team.kind !== "team") return { field: "teamId", message: "assign.teamUnknown" };
  }
  return null;
}

export async function signUp(data: SignUpData, { onDuplicateNotice }: { onDuplicateNotice: (to: string) => { subject: string; body: string } }): Promise<SignUpResult> {
  const waitMs = await takeAttempt([throttleCheck("signUpAddress", clientIp())]);
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };

  if (isCommonPassword(data.password)) return { ok: false, reason: "field", problem: { field: "password", message: "password.common" } };
  const problem = await checkProfileReferences(data);
  if (problem) return { ok: false, reason: "field", problem };

  // Hashed before the duplicate check, so a duplicate answers no faster than a new account.
  const passwordHash = await hashPassword(data.password);
  const contact = identifierColumns(data.identifier);
  const duplicate = () => {
    // Tell the owner, who may not know someone is using their address.
    if (data.identifier.kind === "email") {
      void sendInBackground({ channel: "email", to: data.identifier.email, ...onDuplicateNotice(data.identifier.email) });
    }
    return { ok: false as const, reason: "duplicate" as const };
  };
  if (await identifierTaken(data.identifier)) return duplicate();
  try {
    const user = await db.$transaction((tx) =>
      insertAccount(tx, { identifier: data.identifier, passwordHash, columns: { ...profileColumns(data, contact), ...membershipOf(data) }, answers: data }),
    );
    return { ok: true, userId: user.id };
  } catch (error) {
    // Two sign-ups with one address at the same moment: the second loses here.
    if (isUniqueViolation(error)) return duplicate();
    throw error;
  }
}

/** Whether an account already signs in with this email address or phone number. */
export async function identifierTaken(identifier: SignInIdentifier): Promise<boolean> {
  return Boolean(await db.user.findUnique({ where: identifierColumns(identifier), select: { id: true } }));
}

/** A write refused by a unique column: an account made at the same moment with the same address. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

type AccountColumns = Pick<Prisma.UserUncheckedCreateInput, "fullName" | "learnerGroup" | "provinceCode" | "commune" | "unitId" | "position" | "searchKey">;

/**
 * Writes a new account with its answer for each consent purpose, and the
 * audit event that records them, in the caller's transaction. Sign-up and
 * the first admin (models/setup.server.ts) make accounts this way.
 */
export async function insertAccount(
  tx: Prisma.TransactionClient,
  {
    identifier,
    passwordHash,
    columns,
    answers,
    role = "learner",
  }: {
    identifier: SignInIdentifier;
    passwordHash: string;
    columns: AccountColumns;
    answers: Record<(typeof consentFieldNames)[ConsentPurpose], boolean>;
    role?: Role;
  },
) {
  const consents = Object.fromEntries(consentPurposes.map((purpose) => [purpose, answers[consentFieldNames[purpose]]])) as Record<ConsentPurpose, boolean>;
  const { unitId, position, ...profile } = columns;
  const created = await tx.user.create({
    data: {
      ...identifierColumns(identifier),
      passwordHash,
      role,
      ...profile,
      consents: { create: consentPurposes.map((purpose) => ({ purpose, granted: consents[purpose] })) },
    },
    select: { id: true },
  });
  const details = role === "learner" ? { consents } : { consents, role };
  await auditEvent({ actorId: created.id, action: "account.created", subjectId: created.id, details }, tx);
  // Through the one door a unit is entered by: history, audit, and the unit's required courses.
  if (unitId) await setMembership({ userId: created.id, unitId, position: position ?? null, actorId: created.id }, tx);
  return created;
}

export type SignInResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; waitMs: number };

/**
 * Checks an identifier and password. An unknown account and a wrong password
 * give the same answer after the same work, and both count towards the
 * same limits, so neither the answer nor its timing says which it was.
 *
 * A browser holding this account's device cookie is limited on its own
 * (OWASP's device cookies): a stranger's guesses lock out strangers, never
 * the owner's phone. Any other browser is limited per account and per
 * address, so guessing stays slow.
 */
export async function authenticate({
  identifier,
  password,
  device = null,
}: {
  identifier: SignInIdentifier;
  password: string;
  device?: DeviceClaim | null;
}): Promise<SignInResult> {
  const user = await db.user.findUnique({
    where: identifierColumns(identifier),
    select: { id: true, passwordHash: true, disabledAt: true },
  });
  // A device cookie counts only for the account it was issued for.
  const trustedDevice = user && device?.userId === user.id ? device : null;
  // A trusted device is not counted against its address either: it can try one
  // account only, at its own pace, and a busy shared address must not hold it up.
  const proved = trustedDevice
    ? throttleCheck("signInDevice", trustedDevice.nonce)
    : throttleCheck("signInAccount", identifier.kind === "email" ? identifier.email : identifier.phone);
  const address = trustedDevice ? null : throttleCheck("signInAddress", clientIp());
  // Counted as a failure until the password proves otherwise (see takeAttempt).
  const waitMs = await takeAttempt(address ? [proved, address] : [proved]);
  if (waitMs > 0) return { ok: false, reason: "throttled", waitMs };

  const valid = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstNothing(password);
  if (!user || !valid) return { ok: false, reason: "invalid" };
  // A success clears the count of the account (or device) it proved, and
  // does not count against the address; it does not excuse the address's
  // earlier failures.
  await clearThrottle(proved.key);
  if (address) await giveBack(address);
  // Said only to someone who knows the password: no enumeration.
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password) } });
  }
  return { ok: true, userId: user.id };
}

/** The account page's data: profile, contacts and consents. */
export async function getAccount(userId: string) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      phone: true,
      fullName: true,
      learnerGroup: true,
      provinceCode: true,
      commune: true,
      unitId: true,
      position: true,
      role: true,
      createdAt: true,
      consents: { select: { purpose: true, granted: true, updatedAt: true } },
    },
  });
  if (!user) return null;
  const consent = (purpose: ConsentPurpose) => user.consents.find((c) => c.purpose === purpose)?.granted ?? false;
  return { ...user, consent: Object.fromEntries(consentPurposes.map((p) => [p, consent(p)])) as Record<ConsentPurpose, boolean> };
}

export async function updateProfile(userId: string, data: ProfileData): Promise<{ ok: true } | { ok: false; problem: FieldProblem }> {
  const problem = await checkProfileReferences(data);
  if (problem) return { ok: false, problem };
  await db.$transaction(async (tx) => {
    const current = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true, phone: true } });
    await tx.user.update({ where: { id: userId }, data: profileColumns(data, current) });
    await auditEvent({ actorId: userId, action: "account.profileChanged", subjectId: userId }, tx);
    await setMembership({ userId, ...membershipOf(data), actorId: userId }, tx);
  });
  return { ok: true };
}

/** Changes optional consents; each change is written to the audit log, which is the consent history. */
export async function setConsents(userId: string, wanted: { "share-with-unit": boolean; statistics: boolean }) {
  await db.$transaction(async (tx) => {
    const current = await tx.consent.findMany({ where: { userId }, select: { purpose: true, granted: true } });
    for (const [purpose, granted] of Object.entries(wanted)) {
      if (current.find((c) => c.purpose === purpose)?.granted === granted) continue;
      await tx.consent.upsert({
        where: { userId_purpose: { userId, purpose } },
        create: { userId, purpose, granted },
        update: { granted },
      });
      await auditEvent({ actorId: userId, action: "consent.changed", subjectId: userId, details: { purpose, granted } }, tx);
    }
  });
}

export async function changePassword(
  userId: string,
  { currentPassword, password }: { currentPassword: string; password: string },
): Promise<{ ok: true } | { ok: false; problem: FieldProblem }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, problem: { field: "currentPassword", message: "password.wrong" } };
  }
  if (isCommonPassword(password)) return { ok: false, problem: { field: "password", message: "password.common" } };
  await setPassword({ userId, passwordHash: await hashPassword(password), actorId: userId, action: "password.changed" });
  return { ok: true };
}

/** Stores a new password and ends every session: whoever knew the old one is signed out. */
export async function setPassword({
  userId,
  passwordHash,
  actorId,
  action,
}: {
  userId: string;
  passwordHash: string;
  actorId: string | null;
  action: "password.changed" | "password.reset";
}) {
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } }),
    db.session.deleteMany({ where: { userId } }),
    db.auditEvent.create({ data: { actorId, action, subjectId: userId, details: "{}" } }),
  ]);
}

/**
 * Everything stored about the learner, as they can take it away
 * (Law 91/2025, right of access). Later features add their rows here.
 */
export async function exportAccountData(userId: string) {
  const [user, sessions, events, certificates, memberships, requiredCourses] = await Promise.all([
    db.user.findUniqueOrThrow({
      where: { id: userId },
      select: {
        id: true,
        email: true,
        phone: true,
        fullName: true,
        learnerGroup: true,
        role: true,
        commune: true,
        position: true,
        createdAt: true,
        passwordChangedAt: true,
        province: { select: { code: true, name: true } },
        unit: { select: { id: true, name: true } },
        consents: { select: { purpose: true, granted: true, updatedAt: true } },
      },
    }),
    db.session.findMany({ where: { userId }, select: { createdAt: true, expiresAt: true, userAgent: true } }),
    db.auditEvent.findMany({ where: { subjectId: userId }, select: { at: true, action: true, details: true }, orderBy: { id: "asc" } }),
    certificatesForExport(userId),
    db.unitMembership.findMany({ where: { userId }, select: { unitId: true, position: true, startedAt: true, endedAt: true }, orderBy: { startedAt: "asc" } }),
    db.learnerAssignment.findMany({ where: { userId }, select: { courseSlug: true, unitId: true, position: true, assignedAt: true, dueAt: true, endedAt: true }, orderBy: { assignedAt: "asc" } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    account: user,
    sessions,
    certificates,
    memberships,
    requiredCourses,
    history: events.map((e) => ({ at: e.at, action: e.action, details: JSON.parse(e.details) as unknown })),
  };
}

/**
 * Deletes the account and its personal data. The audit log keeps the
 * account's id only. Certificates, when they exist, keep the minimum their
 * issuer must keep to stay verifiable. A table that gains a column naming
 * an account must be cleared here too (tests/unit/models/user.test.ts reads
 * every table to check).
 */
export async function deleteAccount(userId: string, currentPassword: string): Promise<{ ok: true } | { ok: false; problem: FieldProblem }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, email: true, phone: true } });
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    return { ok: false, problem: { field: "currentPassword", message: "password.wrong" } };
  }
  const addresses = [user.email, user.phone].filter((a): a is string => Boolean(a));
  await db.$transaction([
    // Certificates stay verifiable, as issued to a deleted account, without the name.
    forgetCertificateHolder(userId),
    db.outboxMessage.deleteMany({ where: { to: { in: addresses } } }),
    // Limits keyed by the email or phone typed at sign-in and reset.
    db.throttle.deleteMany({ where: { key: { in: keysNaming(addresses) } } }),
    db.user.delete({ where: { id: userId } }),
    db.auditEvent.create({ data: { actorId: userId, action: "account.deleted", subjectId: userId, details: "{}" } }),
  ]);
  // Sessions, consents, reset tokens and learning records went with the
  // user row (ON DELETE CASCADE). Device cookies are not stored: one left in
  // a browser names an id that no longer exists, and the deletion page clears it.
  return { ok: true };
}
