/**
 * Where a person belongs, and since when: the one way a person's unit or
 * position changes. Sign-up, the account page and the admin's user page all
 * come through `setMembership`, so that the history (UnitMembership rows),
 * the "now" copy on User, the audit log and the person's required courses
 * never disagree.
 */
import type { Prisma } from "~/generated/prisma/client";
import { auditEvent } from "~/models/audit.server";
import { applyUnitAssignments, endUncoveredAssignments } from "~/models/assignment.server";
import { findUnit, listCurrentUnits, listProvinces } from "~/models/org.server";
import { forbidden } from "~/models/scope.server";
import type { SessionUser } from "~/utils/auth.server";
import type { FieldErrors } from "~/utils/schemas/fields";
import { message } from "~/utils/schemas/fields";
import { db } from "~/utils/db.server";

type Tx = Prisma.TransactionClient;

export type MembershipChange = {
  userId: string;
  /** Null: belongs to no unit (a resident who chose no team). */
  unitId: string | null;
  position: string | null;
  /** Who made the change: the person, an admin; null for the system. */
  actorId: string | null;
};

export type MembershipResult = { changed: boolean; ended: number; applied: number };

/**
 * Moves a person to a unit and position, in the caller's transaction. When
 * either changes: the current history row ends and a new one opens, User
 * follows, the change is audited, unit assignments that no longer cover the
 * person end (unless completed), and those that cover the new place are
 * given and enrolled. Unit ids are the caller's to check (they exist, and
 * are of a kind the person may choose); this only records.
 */
export async function setMembership({ userId, unitId, position, actorId }: MembershipChange, tx: Tx, now = new Date()): Promise<MembershipResult> {
  const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { unitId: true, position: true } });
  const current = await tx.unitMembership.findFirst({ where: { userId, endedAt: null }, select: { id: true }, orderBy: { startedAt: "desc" } });
  const to = { unitId: unitId ?? null, position: unitId ? position ?? null : null };
  if (user.unitId === to.unitId && user.position === to.position) {
    // Rows made before memberships were kept (the seed's demo accounts) get their first history row now.
    if (to.unitId && !current) await tx.unitMembership.create({ data: { userId, unitId: to.unitId, position: to.position, startedAt: now } });
    return { changed: false, ended: 0, applied: 0 };
  }
  await tx.unitMembership.updateMany({ where: { userId, endedAt: null }, data: { endedAt: now } });
  if (to.unitId) await tx.unitMembership.create({ data: { userId, unitId: to.unitId, position: to.position, startedAt: now } });
  await tx.user.update({ where: { id: userId }, data: to });
  await auditEvent(
    {
      actorId,
      action: "membership.changed",
      subjectId: userId,
      details: { from: { unitId: user.unitId, position: user.position }, to },
    },
    tx
  );
  const ended = await endUncoveredAssignments(tx, userId, now);
  const applied = await applyUnitAssignments(tx, userId, now);
  return { changed: true, ended, applied };
}

/** Where a person has belonged, newest first, with the units' names. */
export async function membershipHistory(userId: string) {
  return db.unitMembership.findMany({
    where: { userId },
    select: { id: true, unitId: true, position: true, startedAt: true, endedAt: true, unit: { select: { name: true } } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
  });
}

/** Where a person is now, as User repeats it. */
export async function currentPlace(userId: string) {
  return db.user.findUnique({ where: { id: userId }, select: { unitId: true, position: true, learnerGroup: true } });
}

/**
 * An admin moves an official to another unit (in force, not a community
 * team) with a position. Anyone else is refused (403); the route has
 * already checked that the person is one the actor may see.
 */
export async function moveOfficial({
  actor,
  userId,
  unitId,
  position,
}: {
  actor: Pick<SessionUser, "id" | "role">;
  userId: string;
  unitId: string;
  position: string;
}): Promise<{ ok: true; changed: boolean } | { ok: false; errors: FieldErrors }> {
  if (actor.role !== "admin") throw forbidden();
  const person = await currentPlace(userId);
  if (!person) throw new Response("Not found", { status: 404 });
  if (person.learnerGroup !== "official") return { ok: false, errors: { form: [message("assign.moveOfficialsOnly")] } };
  const unit = await findUnit(unitId);
  if (!unit || unit.validTo) return { ok: false, errors: { unitId: [message("account.unitUnknown")] } };
  if (unit.kind === "team") return { ok: false, errors: { unitId: [message("assign.unitIsTeam")] } };
  const result = await db.$transaction((tx) => setMembership({ userId, unitId, position, actorId: actor.id }, tx));
  return { ok: true, changed: result.changed };
}

export type TeamGroup = { province: string; teams: { id: string; name: string }[] };

/**
 * What the profile form offers, from units in force only: officials choose a
 * unit that is not a community team; residents may choose a team, those of
 * their province when it has any (else every team, by province). The team
 * already chosen stays in the list even if it is elsewhere.
 */
export async function membershipOptions({ provinceCode, currentUnitId }: { provinceCode?: string | null; currentUnitId?: string | null } = {}) {
  const [provinces, units] = await Promise.all([listProvinces(), listCurrentUnits()]);
  const teams = units.filter((u) => u.kind === "team");
  const local = provinceCode ? teams.filter((u) => u.provinceCode === provinceCode || u.id === currentUnitId) : [];
  const offered = local.length ? local : teams;
  const names = new Map(provinces.map((p) => [p.code, p.name]));
  const groups = new Map<string, TeamGroup>();
  for (const team of offered) {
    const province = (team.provinceCode && names.get(team.provinceCode)) ?? "";
    const group = groups.get(province) ?? { province, teams: [] };
    group.teams.push({ id: team.id, name: team.name });
    groups.set(province, group);
  }
  return {
    provinces,
    units: units.filter((u) => u.kind !== "team").map(({ id, name, depth }) => ({ id, name, depth })),
    teams: [...groups.values()],
  };
}
