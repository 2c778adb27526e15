/**
 * Reference data for profiles: provinces and the units officials belong to.
 * Small, read often, changed only by the seed (and later by admins): cached
 * in memory after the first read.
 */
import { db } from "~/utils/db.server";

export type ProvinceOption = { code: string; name: string };
export type UnitOption = { id: string; name: string; path: string; depth: number; provinceCode: string | null };

let provinces: Promise<ProvinceOption[]> | undefined;
let units: Promise<UnitOption[]> | undefined;

export function listProvinces(): Promise<ProvinceOption[]> {
  provinces ??= db.province
    .findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } })
    .catch((error: unknown) => {
      provinces = undefined;
      throw error;
    });
  return provinces;
}

/** Units in tree order, each with its depth for indenting a select list. */
export function listUnits(): Promise<UnitOption[]> {
  units ??= db.unit
    .findMany({ select: { id: true, name: true, path: true, provinceCode: true }, orderBy: { path: "asc" } })
    .then((rows) => rows.map((u) => ({ ...u, depth: u.path.split("/").filter(Boolean).length - 1 })))
    .catch((error: unknown) => {
      units = undefined;
      throw error;
    });
  return units;
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
  return (await listUnits()).find((u) => u.id === id);
}

/** The ids of a unit and every unit under it. */
export async function unitSubtree(id: string): Promise<string[]> {
  const root = await findUnit(id);
  if (!root) return [];
  return (await listUnits()).filter((u) => u.path.startsWith(root.path)).map((u) => u.id);
}
