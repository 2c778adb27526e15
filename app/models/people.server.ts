/**
 * Other people's accounts, as admins and unit managers see them. The scope
 * is decided here, not in routes: an admin sees everyone; a manager sees the
 * learners of their unit and the units under it, and nobody else; anyone
 * else sees nobody.
 */
import type { Prisma } from "~/generated/prisma/client";
import { auditEvent } from "~/models/audit.server";
import { findUnit, unitSubtree } from "~/models/org.server";
import { createResetLinkFor } from "~/models/password-reset.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import type { Role } from "~/utils/schemas/account";
import { foldVietnamese } from "~/utils/text";

const forbidden = () => new Response("Forbidden", { status: 403 });

async function scopeOf(actor: SessionUser): Promise<Prisma.UserWhereInput> {
  if (actor.role === "admin") return {};
  if (actor.role === "manager" && actor.managedUnitId) return { unitId: { in: await unitSubtree(actor.managedUnitId) } };
  throw forbidden();
}

const PAGE = 25;

export async function listPeople({ actor, query = "", page = 1 }: { actor: SessionUser; query?: string; page?: number }) {
  const scope = await scopeOf(actor);
  const folded = foldVietnamese(query.trim());
  const where: Prisma.UserWhereInput = folded ? { AND: [scope, { searchKey: { contains: folded } }] } : scope;
  const [people, total] = await Promise.all([
    db.user.findMany({
      where,
      select: { id: true, fullName: true, email: true, phone: true, role: true, learnerGroup: true, disabledAt: true, unit: { select: { name: true } } },
      orderBy: [{ fullName: "asc" }, { id: "asc" }],
      skip: (page - 1) * PAGE,
      take: PAGE,
    }),
    db.user.count({ where }),
  ]);
  return { people, total, page, pages: Math.max(1, Math.ceil(total / PAGE)) };
}

/** One person, or null when they do not exist or are outside the actor's scope (both a 404). */
export async function getPerson({ actor, userId }: { actor: SessionUser; userId: string }) {
  const scope = await scopeOf(actor);
  return db.user.findFirst({
    where: { AND: [scope, { id: userId }] },
    select: {
      id: true,
      fullName: true,
      email: true,
      phone: true,
      role: true,
      learnerGroup: true,
      position: true,
      commune: true,
      disabledAt: true,
      createdAt: true,
      managedUnitId: true,
      province: { select: { name: true } },
      unit: { select: { name: true } },
    },
  });
}

export type PersonChange = { ok: true } | { ok: false; message: "admin.notYourself" | "admin.managedUnitRequired" };

function requireAdmin(actor: SessionUser) {
  if (actor.role !== "admin") throw forbidden();
}

export async function changeRole({
  actor,
  userId,
  role,
  managedUnitId,
}: {
  actor: SessionUser;
  userId: string;
  role: Role;
  managedUnitId?: string;
}): Promise<PersonChange> {
  requireAdmin(actor);
  // An admin who demotes themself may leave the site with no admin at all.
  if (userId === actor.id) return { ok: false, message: "admin.notYourself" };
  if (role === "manager" && !(managedUnitId && (await findUnit(managedUnitId)))) return { ok: false, message: "admin.managedUnitRequired" };
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { role: true, managedUnitId: true } });
    const after = { role, managedUnitId: role === "manager" ? (managedUnitId ?? null) : null };
    await tx.user.update({ where: { id: userId }, data: after });
    await auditEvent({ actorId: actor.id, action: "role.changed", subjectId: userId, details: { before, after } }, tx);
  });
  return { ok: true };
}

export async function setDisabled({ actor, userId, disabled }: { actor: SessionUser; userId: string; disabled: boolean }): Promise<PersonChange> {
  requireAdmin(actor);
  if (userId === actor.id) return { ok: false, message: "admin.notYourself" };
  await db.$transaction([
    db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } }),
    // A disabled account is signed out at once, on every device.
    ...(disabled ? [db.session.deleteMany({ where: { userId } })] : []),
    db.auditEvent.create({ data: { actorId: actor.id, action: disabled ? "account.disabled" : "account.enabled", subjectId: userId, details: "{}" } }),
  ]);
  return { ok: true };
}

/** A one-time reset link for a learner in the actor's scope, to hand over in person. */
export async function makeResetLink({ actor, userId }: { actor: SessionUser; userId: string }) {
  const person = await getPerson({ actor, userId });
  if (!person) throw new Response("Not found", { status: 404 });
  // A manager cannot take over an admin's or another manager's account.
  if (actor.role !== "admin" && person.role !== "learner") throw forbidden();
  return createResetLinkFor({ actorId: actor.id, userId });
}
