/**
 * Each official's annual training record: the hours they learned in a
 * calendar year (from LearningDay, Vietnam's calendar), the same time in
 * 45-minute periods (tiết, whole periods only), and whether that meets the
 * yearly target of their unit (its own, else the nearest ancestor's).
 *
 * For a unit in scope: one row per official whose current unit is in its
 * subtree, by name. Only officials who consented to share their learning
 * with their unit are shown; the others are counted, never named.
 */
import { Prisma } from "~/generated/prisma/client";
import { findUnit, listUnits, targetHoursFor } from "~/models/org.server";
import { unitInScope } from "~/models/scope.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

export const PERIOD_MINUTES = 45;
export const RECORD_PAGE_SIZE = 50;

export type TrainingRecordRow = {
  userId: string;
  fullName: string;
  position: string | null;
  unitName: string;
  seconds: number;
  hours: number;
  periods: number;
  targetHours: number | null;
  /** Null when no target is set for the unit or above it. */
  met: boolean | null;
};

/** A year from a query parameter: four digits between 2000 and next year, else this year (Vietnam's calendar). */
export function parseYear(value: string | null, now = new Date()): { year: number; error: boolean } {
  const thisYear = Number(new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 4));
  if (!value) return { year: thisYear, error: false };
  const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
  if (year >= 2000 && year <= thisYear + 1) return { year, error: false };
  return { year: thisYear, error: true };
}

export function periodsOf(seconds: number) {
  return Math.floor(Math.floor(seconds / 60) / PERIOD_MINUTES);
}

async function toRow(r: { id: string; fullName: string; position: string | null; unitId: string | null; seconds: number | bigint }): Promise<TrainingRecordRow> {
  const seconds = Number(r.seconds);
  const targetHours = r.unitId ? await targetHoursFor(r.unitId) : null;
  const hours = Math.round((seconds / 3600) * 10) / 10;
  return {
    userId: r.id,
    fullName: r.fullName,
    position: r.position,
    unitName: r.unitId ? ((await findUnit(r.unitId))?.name ?? "") : "",
    seconds,
    hours,
    periods: periodsOf(seconds),
    targetHours,
    met: targetHours === null ? null : seconds >= targetHours * 3600,
  };
}

function yearRange(year: number) {
  return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** The officials of a subtree with their year's seconds: the one statement behind the page and the exports. */
function officialsSql(rootPath: string, year: number, sharedOnly: boolean) {
  const { first, last } = yearRange(year);
  return Prisma.sql`
    SELECT u.id, u.fullName, u.position, u.unitId,
      EXISTS (SELECT 1 FROM Consent c WHERE c.userId = u.id AND c.purpose = 'share-with-unit' AND c.granted = 1) AS shared,
      COALESCE((SELECT SUM(ld.seconds) FROM LearningDay ld WHERE ld.userId = u.id AND ld.day BETWEEN ${first} AND ${last}), 0) AS seconds
    FROM User u JOIN Unit un ON un.id = u.unitId
    WHERE u.learnerGroup = 'official' AND u.disabledAt IS NULL AND substr(un.path, 1, ${rootPath.length}) = ${rootPath}
    ${sharedOnly ? Prisma.sql`AND EXISTS (SELECT 1 FROM Consent c WHERE c.userId = u.id AND c.purpose = 'share-with-unit' AND c.granted = 1)` : Prisma.empty}`;
}

async function summaryOf(rootPath: string, year: number) {
  const [row] = await db.$queryRaw<{ officials: number; notShared: number; seconds: number; metTarget: number }[]>(Prisma.sql`
    SELECT COUNT(*) AS officials, SUM(NOT shared) AS notShared, COALESCE(SUM(seconds), 0) AS seconds FROM (${officialsSql(rootPath, year, false)})`);
  return { officials: Number(row?.officials ?? 0), notShared: Number(row?.notShared ?? 0) };
}

type Actor = Pick<SessionUser, "role" | "managedUnitId">;

/** One page of a unit's training record for a year. */
export async function unitTrainingRecord({ actor, unitId, year, page }: { actor: Actor; unitId: string | null; year: number; page: number }) {
  const { unit } = await unitInScope(actor, unitId);
  const rootPath = unit?.path ?? "/";
  const summary = await summaryOf(rootPath, year);
  const shared = summary.officials - summary.notShared;
  const pages = Math.max(1, Math.ceil(shared / RECORD_PAGE_SIZE));
  const current = Math.min(page, pages);
  const found = await db.$queryRaw<{ id: string; fullName: string; position: string | null; unitId: string | null; seconds: number }[]>(Prisma.sql`
    ${officialsSql(rootPath, year, true)} ORDER BY u.fullName, u.id LIMIT ${RECORD_PAGE_SIZE} OFFSET ${(current - 1) * RECORD_PAGE_SIZE}`);
  const rows = await Promise.all(found.map(toRow));
  return { unit, year, rows, ...summary, page: current, pages };
}

/** Every row of a unit's training record, in batches (keyset by name), for the exports. */
export async function trainingRecordForExport({ actor, unitId, year, batchSize = 1000 }: { actor: Actor; unitId: string | null; year: number; batchSize?: number }) {
  const { unit } = await unitInScope(actor, unitId);
  const rootPath = unit?.path ?? "/";
  const summary = await summaryOf(rootPath, year);
  async function* rows(): AsyncGenerator<TrainingRecordRow[]> {
    let after: { fullName: string; id: string } | null = null;
    for (;;) {
      const keyset: Prisma.Sql = after ? Prisma.sql`AND (u.fullName > ${after.fullName} OR (u.fullName = ${after.fullName} AND u.id > ${after.id}))` : Prisma.empty;
      const found: { id: string; fullName: string; position: string | null; unitId: string | null; seconds: number }[] = await db.$queryRaw(Prisma.sql`
        ${officialsSql(rootPath, year, true)} ${keyset} ORDER BY u.fullName, u.id LIMIT ${batchSize}`);
      if (found.length === 0) return;
      yield await Promise.all(found.map(toRow));
      const last = found.at(-1)!;
      after = { fullName: last.fullName, id: last.id };
    }
  }
  return { unit, year, ...summary, rows };
}

/** One person's record for a year: for the person page, which has already checked scope and consent. */
export async function personTrainingRecord({ userId, year }: { userId: string; year: number }) {
  const { first, last } = yearRange(year);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, fullName: true, position: true, unitId: true } });
  if (!user) return null;
  const days = await db.learningDay.aggregate({ where: { userId, day: { gte: first, lte: last } }, _sum: { seconds: true } });
  return toRow({ ...user, seconds: days._sum.seconds ?? 0 });
}

/** The unit paths a list of unit ids is known by, for scope checks on people. */
export async function unitPathsOf(ids: (string | null)[]) {
  const byId = new Map((await listUnits()).map((u) => [u.id, u.path]));
  return ids.map((id) => (id ? byId.get(id) : undefined)).filter((p): p is string => Boolean(p));
}
