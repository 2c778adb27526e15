/**
 * Certificates of completion: issued once, in the transaction that records
 * a course's completion; verifiable by anyone from the public id or the
 * short code; revoked or replaced, never deleted.
 *
 * Who sees what:
 * - anyone: the public page, with the holder's name (unless the account is
 *   deleted), and unit and score only if the holder allows;
 * - the holder: their own certificates, their choices, the downloads;
 * - admins: revoke and reissue.
 * Every function that acts for a learner puts their id in the where.
 */
import { vi } from "~/locales/vi";
import type { Course } from "~/models/content/library.server";
import type { CertificateSnapshot, CertificateStatus } from "~/models/certificate-types";
import { auditEvent } from "~/models/audit.server";
import { currentWait, takeAttempt, throttleCheck } from "~/models/throttle.server";
import type { Prisma } from "~/generated/prisma/client";
import { newPublicId, newShortCode, isPublicId, normaliseShortCode } from "~/utils/certificate-code";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { vietnamDay } from "~/utils/i18n";
import { clientIp } from "~/utils/request-scope.server";
import { nfc } from "~/utils/text";

type Tx = Prisma.TransactionClient;

/**
 * The next serial, HS-<year>-<number>, counted per calendar year in Vietnam.
 * Gapless: the counter moves in the caller's transaction, so an issue that
 * rolls back gives its number back.
 */
async function nextSerial(tx: Tx, date: Date) {
  const year = Number(vietnamDay(date).slice(0, 4));
  const counter = await tx.certificateSerial.upsert({ where: { year }, create: { year, last: 1 }, update: { last: { increment: 1 } }, select: { last: true } });
  return `HS-${year}-${String(counter.last).padStart(6, "0")}`;
}

function addMonths(date: Date, months: number) {
  const result = new Date(date);
  result.setUTCMonth(result.getUTCMonth() + months);
  return result;
}

/**
 * Issues the certificate of a course the learner has just completed. Call
 * inside the transaction that sets the enrolment's completedAt (conditional
 * on it being unset), so it happens exactly once however many requests race.
 */
export async function issueCertificate(
  tx: Tx,
  { userId, course, finalQuizId, completedAt }: { userId: string; course: Course; finalQuizId: string | null; completedAt: Date },
) {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { fullName: true, learnerGroup: true, position: true, unit: { select: { name: true } }, province: { select: { name: true } } },
  });
  const best = finalQuizId
    ? await tx.quizAttempt.findFirst({ where: { userId, courseSlug: course.slug, quizId: finalQuizId, passed: true }, orderBy: { score: "desc" }, select: { score: true } })
    : null;
  const serial = await nextSerial(tx, completedAt);
  const months = course.meta.certificate.validMonths;
  const official = user.learnerGroup === "official";
  const snapshot: CertificateSnapshot = {
    serial,
    publicId: newPublicId(),
    shortCode: newShortCode(),
    holderName: nfc(user.fullName),
    learnerGroup: official ? "official" : "resident",
    unitName: official && user.unit ? nfc(user.unit.name) : null,
    position: official && user.position ? nfc(user.position) : null,
    provinceName: user.province ? nfc(user.province.name) : null,
    courseSlug: course.slug,
    courseTitle: nfc(course.meta.title),
    courseVersion: course.meta.version,
    competenceArea: course.meta.competence.area,
    competenceAreaName: vi[`competence.area.${course.meta.competence.area}`],
    level: course.meta.level,
    minutes: course.meta.minutes,
    periods: course.periods,
    finalScore: best?.score ?? null,
    completedAt: completedAt.toISOString(),
    issuedAt: completedAt.toISOString(),
    expiresAt: months ? addMonths(completedAt, months).toISOString() : null,
    issuerName: env().CERTIFICATE_ISSUER_NAME,
  };
  const certificate = await tx.certificate.create({
    data: {
      publicId: snapshot.publicId,
      shortCode: snapshot.shortCode,
      serial: snapshot.serial,
      userId,
      courseSlug: course.slug,
      snapshot: JSON.stringify(snapshot),
      issuedAt: completedAt,
      expiresAt: snapshot.expiresAt ? new Date(snapshot.expiresAt) : null,
    },
    select: { id: true, publicId: true },
  });
  await auditEvent({ actorId: userId, action: "certificate.issued", subjectId: userId, details: { serial: snapshot.serial, course: course.slug } }, tx);
  return certificate;
}

const rowColumns = {
  id: true,
  publicId: true,
  snapshot: true,
  issuedAt: true,
  expiresAt: true,
  revokedAt: true,
  revokedReason: true,
  replacedById: true,
  replacedAt: true,
  showUnit: true,
  showScore: true,
  userId: true,
} as const;
type Row = Prisma.CertificateGetPayload<{ select: typeof rowColumns }>;

export function statusOf(row: Pick<Row, "expiresAt" | "revokedAt" | "revokedReason" | "replacedAt">, replacedByPublicId: string | null, now = new Date()): CertificateStatus {
  if (row.replacedAt && replacedByPublicId) return { state: "replaced", since: row.replacedAt.toISOString(), byPublicId: replacedByPublicId };
  if (row.revokedAt) return { state: "revoked", since: row.revokedAt.toISOString(), reason: row.revokedReason ?? "" };
  if (row.expiresAt && row.expiresAt <= now) return { state: "expired", since: row.expiresAt.toISOString() };
  return { state: "valid" };
}

async function withStatus(row: Row, now = new Date()) {
  const replacedBy = row.replacedById ? await db.certificate.findUnique({ where: { id: row.replacedById }, select: { publicId: true } }) : null;
  return { row, snapshot: JSON.parse(row.snapshot) as CertificateSnapshot, status: statusOf(row, replacedBy?.publicId ?? null, now) };
}

export type PublicCertificate = { snapshot: CertificateSnapshot; status: CertificateStatus; deletedHolder: boolean; viewerIsHolder: boolean };

/**
 * Looks up a certificate for the public page. Unknown or malformed ids are
 * null, indistinguishable from each other; each miss counts against the
 * client's address, so ids cannot be guessed at speed. Returns "wait" when
 * the address has missed too often (then even real ids wait: a guesser
 * learns nothing from the answer).
 */
export async function findPublicCertificate(
  input: ({ publicId: string } | { shortCode: string }) & { viewerId?: string | null },
): Promise<PublicCertificate | null | "wait"> {
  const check = throttleCheck("certificateLookup", clientIp());
  // Only misses are counted: a clerk checking real certificates writes nothing.
  if ((await currentWait(check)) > 0) return "wait";
  let where: { publicId: string } | { shortCode: string } | null = null;
  if ("publicId" in input) where = isPublicId(input.publicId) ? { publicId: input.publicId } : null;
  else {
    const code = normaliseShortCode(input.shortCode);
    where = code ? { shortCode: code } : null;
  }
  const row = where ? await db.certificate.findUnique({ where, select: rowColumns }) : null;
  if (!row) {
    await takeAttempt([check]);
    return null;
  }
  const { snapshot, status } = await withStatus(row);
  // The holder decides what strangers see beyond the name and the course.
  const shown: CertificateSnapshot = {
    ...snapshot,
    unitName: row.showUnit ? snapshot.unitName : null,
    position: row.showUnit ? snapshot.position : null,
    finalScore: row.showScore ? snapshot.finalScore : null,
  };
  return { snapshot: shown, status, deletedHolder: row.userId === null, viewerIsHolder: Boolean(input.viewerId) && row.userId === input.viewerId };
}

/** The learner's own certificates, newest first. */
export async function listMyCertificates({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const rows = await db.certificate.findMany({ where: { userId }, select: rowColumns, orderBy: { issuedAt: "desc" } });
  return Promise.all(rows.map((row) => withStatus(row, now)));
}

/** One of the learner's own certificates (or any, for an admin), or null. */
export async function getCertificateFor({ userId, publicId, admin = false }: { userId: string; publicId: string; admin?: boolean }) {
  if (!isPublicId(publicId)) return null;
  const row = await db.certificate.findFirst({ where: admin ? { publicId } : { publicId, userId }, select: rowColumns });
  return row ? withStatus(row) : null;
}

/** The holder's choices for the public page. */
export async function setCertificateVisibility({ userId, publicId, showUnit, showScore }: { userId: string; publicId: string; showUnit: boolean; showScore: boolean }) {
  const { count } = await db.certificate.updateMany({ where: { publicId, userId }, data: { showUnit, showScore } });
  return count === 1;
}

/** Certificates still valid that expire within the next `days`: shown on /me with a way to retake the course. */
export async function expiringSoon({ userId, days = 60, now = new Date() }: { userId: string; days?: number; now?: Date }) {
  const until = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
  const rows = await db.certificate.findMany({
    where: { userId, revokedAt: null, replacedAt: null, expiresAt: { gt: now, lte: until } },
    select: { publicId: true, courseSlug: true, expiresAt: true, snapshot: true },
    orderBy: { expiresAt: "asc" },
  });
  return rows.map((row) => ({ publicId: row.publicId, courseSlug: row.courseSlug, expiresAt: row.expiresAt!, courseTitle: (JSON.parse(row.snapshot) as CertificateSnapshot).courseTitle }));
}

/** The certificate of a completed course, for its course page. */
export async function certificateForCourse({ userId, courseSlug }: { userId: string; courseSlug: string }) {
  return db.certificate.findFirst({ where: { userId, courseSlug, replacedAt: null }, select: { publicId: true, revokedAt: true }, orderBy: { issuedAt: "desc" } });
}

/** Admin: revokes with a reason. The certificate stays, shown as revoked. */
export async function revokeCertificate({ actorId, publicId, reason, now = new Date() }: { actorId: string; publicId: string; reason: string; now?: Date }) {
  return db.$transaction(async (tx) => {
    const row = await tx.certificate.findUnique({ where: { publicId }, select: { id: true, serial: true, userId: true, revokedAt: true } });
    if (!row) return { error: "notFound" } as const;
    if (row.revokedAt) return { error: "alreadyRevoked" } as const;
    await tx.certificate.update({ where: { id: row.id }, data: { revokedAt: now, revokedReason: nfc(reason) } });
    await auditEvent({ actorId, action: "certificate.revoked", subjectId: row.userId, details: { serial: row.serial, reason: nfc(reason) } }, tx);
    return { ok: true } as const;
  });
}

/**
 * Admin: a new certificate from the same record with the holder's current
 * name (after a correction); the old one is marked replaced and points to
 * the new one. Everything else in the snapshot is kept as it was.
 */
export async function reissueCertificate({ actorId, publicId, now = new Date() }: { actorId: string; publicId: string; now?: Date }) {
  return db.$transaction(async (tx) => {
    const old = await tx.certificate.findUnique({ where: { publicId }, select: { id: true, userId: true, courseSlug: true, snapshot: true, expiresAt: true, revokedAt: true, replacedAt: true, showUnit: true, showScore: true } });
    if (!old) return { error: "notFound" } as const;
    if (old.replacedAt) return { error: "alreadyReplaced" } as const;
    // A reissue is valid from the start: from a revoked certificate it would undo the revocation.
    if (old.revokedAt) return { error: "revoked" } as const;
    if (!old.userId) return { error: "deletedHolder" } as const;
    const user = await tx.user.findUniqueOrThrow({ where: { id: old.userId }, select: { fullName: true } });
    const before = JSON.parse(old.snapshot) as CertificateSnapshot;
    const serial = await nextSerial(tx, now);
    const snapshot: CertificateSnapshot = {
      ...before,
      serial,
      publicId: newPublicId(),
      shortCode: newShortCode(),
      holderName: nfc(user.fullName),
      issuedAt: now.toISOString(),
    };
    const created = await tx.certificate.create({
      data: {
        publicId: snapshot.publicId,
        shortCode: snapshot.shortCode,
        serial: snapshot.serial,
        userId: old.userId,
        courseSlug: old.courseSlug,
        snapshot: JSON.stringify(snapshot),
        issuedAt: now,
        expiresAt: old.expiresAt,
        showUnit: old.showUnit,
        showScore: old.showScore,
      },
      select: { id: true, publicId: true },
    });
    await tx.certificate.update({ where: { id: old.id }, data: { replacedById: created.id, replacedAt: now } });
    await auditEvent({ actorId, action: "certificate.reissued", subjectId: old.userId, details: { from: before.serial, to: snapshot.serial } }, tx);
    return { ok: true, publicId: created.publicId } as const;
  });
}

/** Admin list: newest first, or the one a serial, code or id names. */
export async function listCertificates({ query = "", page = 1 }: { query?: string; page?: number }) {
  const q = query.trim();
  const code = normaliseShortCode(q);
  const where = q ? { OR: [{ serial: q.toUpperCase() }, { publicId: q }, ...(code ? [{ shortCode: code }] : [])] } : {};
  const [rows, total] = await Promise.all([
    db.certificate.findMany({ where, select: rowColumns, orderBy: { issuedAt: "desc" }, skip: (page - 1) * 50, take: 50 }),
    db.certificate.count({ where }),
  ]);
  return { certificates: await Promise.all(rows.map((row) => withStatus(row))), total, pages: Math.max(1, Math.ceil(total / 50)) };
}

/**
 * On account deletion, inside its transaction: certificates stay verifiable,
 * as issued to a deleted account, without the name, unit or position; the
 * stored PDF and credential, which carry the name, are dropped.
 */
export function forgetCertificateHolder(userId: string) {
  return db.$executeRaw`UPDATE "Certificate" SET "snapshot" = json_set("snapshot", '$.holderName', NULL, '$.unitName', NULL, '$.position', NULL), "pdf" = NULL, "credential" = NULL WHERE "userId" = ${userId}`;
}

/** For the account's data export: what each certificate says, and its status. */
export async function certificatesForExport(userId: string) {
  return (await listMyCertificates({ userId })).map(({ snapshot, status }) => ({ ...snapshot, status }));
}

export type CertificateFile = { body: Uint8Array | string; serial: string };

/**
 * The certificate's PDF or signed credential, for its holder (or an admin).
 * Made once, on the first download, and stored with the row: later
 * downloads are a read. A revoked or replaced certificate is not handed out
 * again ("gone"): its page says why.
 */
export async function certificateFile({ userId, publicId, kind, admin = false }: { userId: string; publicId: string; kind: "pdf" | "credential"; admin?: boolean }): Promise<CertificateFile | "notFound" | "gone"> {
  if (!isPublicId(publicId)) return "notFound";
  const row = await db.certificate.findFirst({
    where: admin ? { publicId } : { publicId, userId },
    select: { id: true, serial: true, snapshot: true, revokedAt: true, replacedAt: true, pdf: kind === "pdf", credential: kind === "credential" },
  });
  if (!row) return "notFound";
  if (row.revokedAt || row.replacedAt) return "gone";
  const stored = kind === "pdf" ? row.pdf : row.credential;
  if (stored) return { body: stored, serial: row.serial };
  const snapshot = JSON.parse(row.snapshot) as CertificateSnapshot;
  const pageUrl = `${env().PUBLIC_URL}/certificates/${publicId}`;
  // Loaded on first use: the renderer and the signing stack are large, and most requests need neither.
  if (kind === "pdf") {
    const { renderCertificatePdf } = await import("~/models/certificate-pdf.server");
    const pdf = Buffer.from(await renderCertificatePdf({ snapshot, verifyUrl: pageUrl }));
    // Two first downloads at once both render; the first to store wins, and both send the same bytes (rendering is deterministic).
    await db.certificate.updateMany({ where: { id: row.id, pdf: null }, data: { pdf } });
    return { body: pdf, serial: row.serial };
  }
  const { signCertificateCredential } = await import("~/models/credential.server");
  const credential = JSON.stringify(await signCertificateCredential({ snapshot, certificateUrl: pageUrl }), null, 2);
  await db.certificate.updateMany({ where: { id: row.id, credential: null }, data: { credential } });
  const kept = await db.certificate.findUniqueOrThrow({ where: { id: row.id }, select: { credential: true } });
  return { body: kept.credential ?? credential, serial: row.serial };
}
