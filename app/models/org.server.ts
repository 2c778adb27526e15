/**
 * Reference data: provinces and the tree of units (administrative units,
 * agencies, community teams). Small, read often, changed only by the seed
 * and the admin's import: cached in memory after the first read, and
 * forgotten by whatever changes it.
 */
import { db } from "~/utils/db.server";

export type ProvinceOption = { code: string; name: string };
export type UnitKind = "province" | "commune" | "agency" | "team";
export const unitKinds: readonly UnitKind[] = ["province", "commune", "agency", "team"];

export type UnitOption = {
  id: string;
  code: string | null;
  name: string;
  kind: UnitKind;
  path: string;
  parentId: string | null;
  depth: number;
  provinceCode: string | null;
  /** Folded name, for search that ignores diacritics. */
  searchKey: string;
  /** Null while in force. */
  validTo: Date | null;
  successorId: string | null;
  targetHours: number | null;
};

let provinces: Promise<ProvinceOption[]> | undefined;
let units: Promise<{ list: UnitOption[]; byId: Map<string, UnitOption> }> | undefined;

export function listProvinces(): Promise<ProvinceOption[]> {
  provinces ??= db.province
    .findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } })
    .catch((error: unknown) => {
      provinces = undefined;
      throw error;
    });
  return provinces;
}

function loadUnits() {
  return (units ??= db.unit
    .findMany({
      select: { id: true, code: true, name: true, kind: true, path: true, parentId: true, provinceCode: true, searchKey: true, validTo: true, successorId: true, targetHours: true },
      orderBy: { path: "asc" },
    })
    .then((rows) => {
      const list = rows.map((u) => ({
        ...u,
        // Plain text in SQLite: anything unexpected is an agency.
        kind: unitKinds.find((k) => k === u.kind) ?? "agency",
        depth: u.path.split("/").filter(Boolean).length - 1,
      }));
      return { list, byId: new Map(list.map((u) => [u.id, u])) };
    })
    .catch((error: unknown) => {
      units = undefined;
      throw error;
    }));
}

/** Every unit, ended ones included, in tree order, each with its depth for indenting a select list. */
export async function listUnits(): Promise<UnitOption[]> {
  return (await loadUnits()).list;
}

/** Units in force today, for the lists people pick from (a unit whose end is announced for later is still in force). */
export async function listCurrentUnits(now = new Date()): Promise<UnitOption[]> {
  return (await listUnits()).filter((u) => !u.validTo || u.validTo > now);
}

/** Forget the cached lists, after the seed or an admin changes them. */
export function forgetReferenceData() {
  provinces = undefined;
  units = undefined;
}

export async function provinceExists(code: string) {
  return (await listProvinces()).some((p) => p.code === code);
}

export async function findUnit(id: string): Promise<UnitOption | undefined> {
  return (await loadUnits()).byId.get(id);
}

/** The ids of a unit and every unit under it. */
export async function unitSubtree(id: string): Promise<string[]> {
  const root = await findUnit(id);
  if (!root) return [];
  return (await listUnits()).filter((u) => u.path.startsWith(root.path)).map((u) => u.id);
}

/**
 * The unit in force that took over this one: itself when it is in force,
 * else its successor's successor..., or itself when the chain ends without
 * one (a unit dissolved with no successor). Cycles in bad data stop the walk.
 */
export async function currentUnit(id: string): Promise<UnitOption | undefined> {
  const { byId } = await loadUnits();
  let unit = byId.get(id);
  const seen = new Set<string>();
  while (unit?.successorId && !seen.has(unit.id)) {
    seen.add(unit.id);
    const next = byId.get(unit.successorId);
    if (!next) break;
    unit = next;
  }
  return unit;
}

/** The yearly target in hours for officials of a unit: its own, else the nearest ancestor's; null when none is set. */
export async function targetHoursFor(id: string): Promise<number | null> {
  const { byId } = await loadUnits();
  for (let unit = byId.get(id); unit; unit = unit.parentId ? byId.get(unit.parentId) : undefined) {
    if (unit.targetHours !== null) return unit.targetHours;
  }
  return null;
}
