/**
 * What part of the unit tree a manager or admin answers for. Every /manage
 * model asks here first, so that a unit outside one's scope is refused the
 * same way whether it came from a page, an export, a query parameter or a
 * forged form: a 403, decided in the model, never in a route.
 *
 * An admin's scope is every unit. A manager's is the unit they manage and
 * everything under it (for a community team's members, the team). Anyone
 * else has none.
 */
import { findUnit, listUnits, type UnitOption } from "~/models/org.server";
import type { SessionUser } from "~/utils/auth.server";

export type Scope =
  /** Every unit; `roots` are the top of the tree (provinces, ministries). */
  | { all: true; roots: UnitOption[] }
  /** The managed unit and everything under it. */
  | { all: false; roots: [UnitOption] };

export const forbidden = () => new Response("Forbidden", { status: 403 });
const notFound = () => new Response("Not found", { status: 404 });

/** The actor's scope; a 403 for anyone who is neither a manager with a unit nor an admin. */
export async function scopeOf(actor: Pick<SessionUser, "role" | "managedUnitId">): Promise<Scope> {
  if (actor.role === "admin") return { all: true, roots: (await listUnits()).filter((u) => u.depth === 0) };
  if (actor.role === "manager" && actor.managedUnitId) {
    const root = await findUnit(actor.managedUnitId);
    if (root) return { all: false, roots: [root] };
  }
  throw forbidden();
}

/** Whether a unit is inside the scope (a unit is inside its own subtree). */
export function inScope(scope: Scope, unit: Pick<UnitOption, "path">): boolean {
  return scope.all || unit.path.startsWith(scope.roots[0].path);
}

/**
 * The unit named by an address, a query parameter or a form field, if the
 * actor may see it: 404 when no such unit exists, 403 when it is outside
 * the scope. Without an id, the top of the scope (for a manager, their unit;
 * for an admin, null: the whole country).
 */
export async function unitInScope(actor: Pick<SessionUser, "role" | "managedUnitId">, unitId: string | null | undefined): Promise<{ scope: Scope; unit: UnitOption | null }> {
  const scope = await scopeOf(actor);
  if (!unitId) return { scope, unit: scope.all ? null : scope.roots[0] };
  const unit = await findUnit(unitId);
  if (!unit) throw notFound();
  if (!inScope(scope, unit)) throw forbidden();
  return { scope, unit };
}
