/**
 * The admin's view of the unit tree: search, one unit's facts, its yearly
 * target. Only admins reach any of it (403 otherwise); managers see units
 * through their scope (scope.server.ts), not here.
 *
 * Reads come from the cached reference data (org.server.ts), which every
 * change here forgets.
 */
import type { Prisma } from "~/generated/prisma/client";
import { auditEvent } from "~/models/audit.server";
import { findUnit, forgetReferenceData, listUnits, type UnitKind, type UnitOption } from "~/models/org.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { foldVietnamese } from "~/utils/text";
import { TARGET_HOURS_MAX } from "~/utils/units";

const forbidden = () => new Response("Forbidden", { status: 403 });

export function requireUnitAdmin(actor: SessionUser) {
  if (actor.role !== "admin") throw forbidden();
}

/** Ids a unit may have: lower-case letters, digits and single hyphens ("46", "hue-so-khcn"), as they appear in paths and addresses. */
export const UNIT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const UNIT_ID_MAX = 64;
export const isUnitId = (id: string) => id.length <= UNIT_ID_MAX && UNIT_ID.test(id);


const PAGE = 50;

export type UnitRow = UnitOption & { ancestors: { id: string; name: string }[]; successorName: string | null };

function ancestorsOf(unit: UnitOption, byId: Map<string, UnitOption>) {
  return unit.path
    .split("/")
    .filter(Boolean)
    .slice(0, -1)
    .map((id) => ({ id, name: byId.get(id)?.name ?? id }));
}

/** Units matching a search (name without diacritics, or the start of a code), a province and a kind; in tree order, a page at a time. */
export async function searchUnits({
  actor,
  query = "",
  provinceCode,
  kind,
  page = 1,
}: {
  actor: SessionUser;
  query?: string;
  provinceCode?: string;
  kind?: UnitKind;
  page?: number;
}) {
  requireUnitAdmin(actor);
  const all = await listUnits();
  const byId = new Map(all.map((u) => [u.id, u]));
  const folded = foldVietnamese(query.trim());
  const matches = all.filter(
    (u) =>
      (!folded || u.searchKey.includes(folded) || (u.code ?? "").startsWith(folded) || u.id === folded) &&
      (!provinceCode || u.provinceCode === provinceCode) &&
      (!kind || u.kind === kind),
  );
  const pages = Math.max(1, Math.ceil(matches.length / PAGE));
  const units: UnitRow[] = matches.slice((page - 1) * PAGE, page * PAGE).map((u) => ({
    ...u,
    ancestors: ancestorsOf(u, byId),
    successorName: u.successorId ? (byId.get(u.successorId)?.name ?? u.successorId) : null,
  }));
  return { units, total: matches.length, page, pages };
}

/** One unit with its place in the tree and its history, or null (a 404). */
export async function getUnit({ actor, unitId }: { actor: SessionUser; unitId: string }) {
  requireUnitAdmin(actor);
  if (!isUnitId(unitId)) return null;
  const unit = await db.unit.findUnique({
    where: { id: unitId },
    select: {
      id: true,
      code: true,
      name: true,
      kind: true,
      path: true,
      provinceCode: true,
      province: { select: { name: true } },
      validFrom: true,
      validTo: true,
      targetHours: true,
      successor: { select: { id: true, name: true } },
      predecessors: { select: { id: true, name: true, validTo: true }, orderBy: { name: "asc" } },
      children: { select: { id: true, name: true, kind: true, code: true, validTo: true }, orderBy: [{ validTo: "asc" }, { name: "asc" }] },
    },
  });
  if (!unit) return null;
  const ids = unit.path.split("/").filter(Boolean).slice(0, -1);
  const found = await db.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, targetHours: true } });
  const ancestors = ids.map((id) => found.find((a) => a.id === id) ?? { id, name: id, targetHours: null });
  // What applies here when the unit sets nothing: the nearest ancestor's.
  const inherited = [...ancestors].reverse().find((a) => a.targetHours !== null) ?? null;
  return { ...unit, ancestors, inheritedTarget: inherited ? { hours: inherited.targetHours!, from: inherited.name } : null };
}

/** Sets (or, with null, clears so the nearest ancestor's applies) a unit's yearly target; written to the audit log with names, not ids. */
export async function setTargetHours({ actor, unitId, targetHours }: { actor: SessionUser; unitId: string; targetHours: number | null }) {
  requireUnitAdmin(actor);
  if (!isUnitId(unitId) || !(await findUnit(unitId))) throw new Response("Not found", { status: 404 });
  if (targetHours !== null && !(Number.isInteger(targetHours) && targetHours >= 0 && targetHours <= TARGET_HOURS_MAX)) {
    throw new Response("Bad target", { status: 400 });
  }
  await db.$transaction(async (tx) => {
    const before = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { name: true, targetHours: true } });
    if (before.targetHours === targetHours) return;
    await tx.unit.update({ where: { id: unitId }, data: { targetHours } });
    await auditEvent(
      {
        actorId: actor.id,
        action: "unit.changed",
        subjectId: unitId,
        details: { unit: before.name, change: "targetHours", before: { targetHours: before.targetHours }, after: { targetHours } },
      },
      tx,
    );
  });
  forgetReferenceData();
}

type PathWriter = Pick<Prisma.TransactionClient, "unit">;

/**
 * Makes every unit's path agree with its parent chain, after units were
 * added or moved: a moved unit's whole subtree gets new paths. One update
 * per path that changes; no two can collide on the way, since a path ends
 * with its own unit's id. A cycle in the parents (which the import refuses
 * before it writes) throws rather than loops.
 */
export async function recomputePaths(tx: PathWriter) {
  const rows = await tx.unit.findMany({ select: { id: true, parentId: true, path: true } });
  const paths = pathsFromParents(new Map(rows.map((r) => [r.id, r.parentId])));
  const changed = rows.filter((r) => paths.get(r.id) !== r.path);
  for (const r of changed) await tx.unit.update({ where: { id: r.id }, data: { path: paths.get(r.id)! } });
  return changed.length;
}

/** "/46/hue/hue-so-khcn/" for every unit, from each one's parent. */
export function pathsFromParents(parents: Map<string, string | null>): Map<string, string> {
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known) return known;
    const chain: string[] = [];
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at && parents.has(at); at = parents.get(at)) {
      if (seen.has(at)) throw new Error(`units form a cycle at ${at}`);
      seen.add(at);
      const above = paths.get(at);
      if (above) {
        // The rest of the chain is known: stop there.
        const path = `${above}${chain.join("/")}/`;
        paths.set(id, path);
        return path;
      }
      chain.unshift(at);
    }
    const path = `/${chain.join("/")}/`;
    paths.set(id, path);
    return path;
  };
  for (const id of parents.keys()) pathOf(id);
  return paths;
}
