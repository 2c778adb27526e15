/**
 * The audit log: who changed which account, and how. Written in the same
 * transaction as the change where there is one, so neither exists without
 * the other.
 */
import type { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";

export type AuditAction =
  | "account.created"
  | "account.deleted"
  | "account.disabled"
  | "account.enabled"
  | "account.profileChanged"
  | "role.changed"
  | "consent.changed"
  | "password.changed"
  | "password.reset"
  | "password.resetLinkCreated"
  | "sessions.ended"
  | "certificate.issued"
  | "certificate.revoked"
  | "certificate.reissued"
  | "unit.imported"
  | "unit.changed"
  | "membership.changed"
  | "assignment.created"
  | "assignment.withdrawn";

type Writer = Pick<Prisma.TransactionClient, "auditEvent">;

export function auditEvent(
  event: { actorId: string | null; action: AuditAction; subjectId: string | null; details?: Record<string, unknown> },
  writer: Writer = db,
) {
  return writer.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      subjectId: event.subjectId,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}

const PAGE = 50;

/** Newest first, for the admin's audit page. Only admins reach this (routes/admin.audit.tsx). */
export async function listAuditEvents({ page = 1, subjectId }: { page?: number; subjectId?: string }) {
  const where = subjectId ? { subjectId } : {};
  const [events, total] = await Promise.all([
    db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE, take: PAGE }),
    db.auditEvent.count({ where }),
  ]);
  return { events, total, pages: Math.max(1, Math.ceil(total / PAGE)) };
}
