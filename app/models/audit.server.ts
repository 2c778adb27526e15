/**
 * The audit log: who changed which account, and how. Written in the same
 * transaction as the change where there is one, so neither exists without
 * the other. Rows hold ids; reading them back (listAuditEvents) puts names
 * to people, units and courses, and turns each action's details into a
 * short list of facts the page translates.
 */
import type { Prisma } from "~/generated/prisma/client";
import { getCourse } from "~/models/course.server";
import { listUnits, type UnitOption } from "~/models/org.server";
import { db } from "~/utils/db.server";
import type { MessageKey } from "~/utils/i18n";
import { foldVietnamese, nfc } from "~/utils/text";

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

export function auditEvent(event: { actorId: string | null; action: AuditAction; subjectId: string | null; details?: Record<string, unknown> }, writer: Writer = db) {
  return writer.auditEvent.create({
    data: {
      actorId: event.actorId,
      action: event.action,
      subjectId: event.subjectId,
      details: JSON.stringify(event.details ?? {}),
    },
  });
}

// ---------------------------------------------------------------------------
// Reading the log: names for ids, and the details as readable facts.

const PAGE = 50;

export const auditActions = [
  "account.created",
  "account.deleted",
  "account.disabled",
  "account.enabled",
  "account.profileChanged",
  "role.changed",
  "consent.changed",
  "password.changed",
  "password.reset",
  "password.resetLinkCreated",
  "sessions.ended",
  "certificate.issued",
  "certificate.revoked",
  "certificate.reissued",
  "unit.imported",
  "unit.changed",
  "membership.changed",
  "assignment.created",
  "assignment.withdrawn",
] as const satisfies readonly AuditAction[];

// Fails to compile when an action is declared above but missing from the list, and the other way round.
type Missing = Exclude<AuditAction, (typeof auditActions)[number]>;
const everyActionListed: Missing extends never ? true : Missing = true;
void everyActionListed;

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (auditActions as readonly string[]).includes(value);
}

/**
 * A piece of a rendered value: plain text (a name, a serial, a reason), a
 * message to translate, a date or a number to format in the reader's
 * language. Rendered in the page, so the server resolves names and the
 * browser only translates.
 */
export type AuditPart = { text: string } | { key: MessageKey; params?: Record<string, string | number> } | { date: string } | { number: number };
export type AuditFact = { label: { key: MessageKey } | { raw: string }; value: AuditPart[] };

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Details = Record<string, Json>;

/** What a renderer can look names up in: filled before rendering, one query per page. */
export type AuditNames = { users: Map<string, string>; units: Map<string, UnitOption> };

const labels: Record<string, MessageKey> = {
  unitId: "community.audit.key.unitId",
  unit: "community.audit.key.unitId",
  unitIds: "community.audit.key.unitIds",
  managedUnitId: "community.audit.key.managedUnitId",
  parentId: "community.audit.key.parentId",
  successorId: "community.audit.key.successorId",
  fromUnitId: "community.audit.key.fromUnitId",
  toUnitId: "community.audit.key.toUnitId",
  courseSlug: "community.audit.key.course",
  course: "community.audit.key.course",
  due: "community.audit.key.due",
  dueDate: "community.audit.key.due",
  dueAt: "community.audit.key.due",
  dueDays: "community.audit.key.dueDays",
  counts: "community.audit.key.counts",
  fileName: "community.audit.key.fileName",
  added: "community.audit.key.added",
  renamed: "community.audit.key.renamed",
  merged: "community.audit.key.merged",
  rejected: "community.audit.key.rejected",
  skipped: "community.audit.key.skipped",
  changed: "community.audit.key.changed",
  ended: "community.audit.key.ended",
  role: "community.audit.key.role",
  purpose: "community.audit.key.purpose",
  granted: "community.audit.key.granted",
  consents: "community.audit.key.consents",
  serial: "community.audit.key.serial",
  reason: "community.audit.key.reason",
  from: "community.audit.key.from",
  to: "community.audit.key.to",
  positions: "community.audit.key.positions",
  position: "community.audit.key.position",
  learnerGroup: "community.audit.key.learnerGroup",
  userId: "community.audit.key.userId",
  userIds: "community.audit.key.userIds",
  name: "community.audit.key.name",
  code: "community.audit.key.code",
  kind: "community.audit.key.kind",
  validFrom: "community.audit.key.validFrom",
  validTo: "community.audit.key.validTo",
  targetHours: "community.audit.key.targetHours",
  learners: "community.audit.key.learners",
  total: "community.audit.key.total",
};

const unitKeys = new Set(["unitId", "unit", "managedUnitId", "parentId", "successorId", "fromUnitId", "toUnitId", "unitIds"]);
const userKeys = new Set(["userId", "userIds", "actorId", "createdById"]);
const courseKeys = new Set(["courseSlug", "course"]);
const roles = ["learner", "trainer", "manager", "admin"] as const;
const purposes = ["learning-records", "share-with-unit", "statistics"] as const;
const groups = ["resident", "official"] as const;
const kinds = ["province", "commune", "agency", "team"] as const;
const isoDate = /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const MAX_TEXT = 300;
const MAX_LIST = 10;

/** Ids with no name to show (an assignment's, an upload's): left to the raw details. */
const idOnlyKeys = new Set(["id", "assignmentId", "importId", "learnerAssignmentId"]);

function labelFor(key: string): AuditFact["label"] {
  return Object.hasOwn(labels, key) ? { key: labels[key]! } : { raw: key };
}

const oneOf = <T extends string>(list: readonly T[], value: Json): value is T => typeof value === "string" && (list as readonly string[]).includes(value);
const clip = (text: string) => nfc(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** One value, readably: names for ids, titles for slugs, labels for codes, dates and numbers formatted. */
function renderValue(key: string, value: Json, names: AuditNames): AuditPart[] {
  if (value === null || value === undefined) return [{ key: "community.audit.none" }];
  if (typeof value === "boolean") return [{ key: value ? "community.audit.yes" : "community.audit.no" }];
  if (typeof value === "number") return key === "dueDays" ? [{ key: "community.audit.days", params: { count: value } }] : [{ number: value }];
  if (Array.isArray(value)) {
    if (value.length === 0) return [{ key: "community.audit.none" }];
    // Rows of a report (rejected lines and the like): how many; the whole list is in the raw details.
    if (value.some((v) => typeof v === "object" && v !== null)) return [{ key: "community.audit.items", params: { count: value.length } }];
    const shown = value.slice(0, MAX_LIST).flatMap((v, i) => [...(i ? [{ text: ", " }] : []), ...renderValue(key, v, names)]);
    return value.length > MAX_LIST ? [...shown, { key: "community.audit.more", params: { count: value.length - MAX_LIST } }] : shown;
  }
  if (typeof value === "object") {
    return Object.entries(value).flatMap(([k, v], i) => [...(i ? [{ text: "; " }] : []), labelPart(k), { text: ": " }, ...renderValue(k, v, names)]);
  }
  if (unitKeys.has(key)) {
    const unit = names.units.get(value);
    return [unit ? { text: unit.name } : { key: "community.audit.unknownUnit", params: { id: clip(value) } }];
  }
  if (userKeys.has(key)) {
    const name = names.users.get(value);
    return [name ? { text: name } : { key: "community.audit.deletedAccount" }];
  }
  if (courseKeys.has(key)) return [{ text: getCourse(value)?.meta.title ?? clip(value) }];
  if (key === "role" && oneOf(roles, value)) return [{ key: `role.${value}` }];
  if (key === "purpose" && oneOf(purposes, value)) return [{ key: `community.audit.purpose.${value}` }];
  if (key === "learnerGroup" && oneOf(groups, value)) return [{ key: `account.group.${value}` }];
  if (key === "kind" && oneOf(kinds, value)) return [{ key: `community.audit.kind.${value}` }];
  if (isoDate.test(value) && !Number.isNaN(Date.parse(value))) return [{ date: value }];
  return [{ text: clip(value) }];
}

function labelPart(key: string): AuditPart {
  return Object.hasOwn(labels, key) ? { key: labels[key]! } : { text: key };
}

/** Every key as "label: value"; a before/after pair as "label: old → new" for what changed. */
function facts(details: Details, names: AuditNames): AuditFact[] {
  const out: AuditFact[] = [];
  const { before, after } = details;
  const paired = before && after && typeof before === "object" && typeof after === "object" && !Array.isArray(before) && !Array.isArray(after);
  if (paired) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
    for (const k of changed.length ? changed : keys) {
      out.push({ label: labelFor(k), value: [...renderValue(k, before[k] ?? null, names), { text: " → " }, ...renderValue(k, after[k] ?? null, names)] });
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if ((paired && (key === "before" || key === "after")) || idOnlyKeys.has(key)) continue;
    out.push({ label: labelFor(key), value: renderValue(key, value, names) });
  }
  return out;
}

type Renderer = (details: Details, names: AuditNames) => AuditFact[];

/** The choices made at sign-up, one per purpose, as "Chia sẻ tiến độ…: có". */
const consentFacts = (consents: Json): AuditFact[] =>
  consents && typeof consents === "object" && !Array.isArray(consents)
    ? Object.entries(consents).map(([purpose, granted]) => ({
        label: oneOf(purposes, purpose) ? { key: `community.audit.purpose.${purpose}` as MessageKey } : { raw: purpose },
        value: [{ key: granted === true ? "community.audit.granted" : "community.audit.notGranted" }],
      }))
    : [];

const generic: Renderer = facts;

/**
 * One renderer per action, typed against every action: a new action does
 * not compile until it has one here.
 */
export const auditRenderers: Record<AuditAction, Renderer> = {
  "account.created": ({ consents, ...rest }, names) => [...consentFacts(consents ?? null), ...facts(rest, names)],
  "account.deleted": generic,
  "account.disabled": generic,
  "account.enabled": generic,
  "account.profileChanged": generic,
  "role.changed": generic,
  "consent.changed": ({ purpose, granted, ...rest }, names) => [
    ...(oneOf(purposes, purpose ?? null)
      ? [{ label: { key: `community.audit.purpose.${purpose}` as MessageKey }, value: [{ key: granted === true ? "community.audit.granted" : "community.audit.withdrawn" } as AuditPart] }]
      : facts({ purpose: purpose ?? null, granted: granted ?? null }, names)),
    ...facts(rest, names),
  ],
  "password.changed": generic,
  "password.reset": generic,
  "password.resetLinkCreated": generic,
  "sessions.ended": generic,
  "certificate.issued": generic,
  "certificate.revoked": generic,
  "certificate.reissued": ({ from, to, ...rest }, names) => [
    ...(from !== undefined ? [{ label: { key: "community.audit.key.oldSerial" as MessageKey }, value: renderValue("serial", from, names) }] : []),
    ...(to !== undefined ? [{ label: { key: "community.audit.key.newSerial" as MessageKey }, value: renderValue("serial", to, names) }] : []),
    ...facts(rest, names),
  ],
  "unit.imported": generic,
  "unit.changed": generic,
  "membership.changed": generic,
  "assignment.created": generic,
  "assignment.withdrawn": generic,
};

/** The details JSON as an object; anything else (a hand-edited row) as one raw fact. */
export function parseDetails(raw: string): Details {
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Details;
    return { value: parsed as Json };
  } catch {
    return { value: raw };
  }
}

export function describeAuditEvent(event: { action: string; details: string }, names: AuditNames): AuditFact[] {
  const details = parseDetails(event.details);
  return isAuditAction(event.action) ? auditRenderers[event.action](details, names) : facts(details, names);
}

/** The ids of people a details object names, for the one query that finds their names. */
function userIdsIn(details: Json, key = ""): string[] {
  if (typeof details === "string") return userKeys.has(key) ? [details] : [];
  if (Array.isArray(details)) return details.flatMap((v) => userIdsIn(v, key));
  if (details && typeof details === "object") return Object.entries(details).flatMap(([k, v]) => userIdsIn(v, k));
  return [];
}

export type AuditFilters = {
  page?: number;
  action?: AuditAction | null;
  /** Events this person did or that were done to their account. */
  person?: string | null;
  /** Only events done to this account. */
  subjectId?: string | null;
  /** A name, searched ignoring diacritics, as actor or subject. */
  query?: string | null;
};

/**
 * Newest first, for the admin's audit page (only admins reach it:
 * routes/admin.audit.tsx), with names for ids: one query for the events,
 * one for the count, one for every person named on the page, and one more
 * only when searching by name.
 */
export async function listAuditEvents({ page = 1, action, person, subjectId, query }: AuditFilters) {
  const and: Prisma.AuditEventWhereInput[] = [];
  if (action) and.push({ action });
  if (subjectId) and.push({ subjectId });
  if (person) and.push({ OR: [{ actorId: person }, { subjectId: person }] });
  const folded = query ? foldVietnamese(nfc(query)).replace(/\s+/g, " ").trim() : "";
  if (folded) {
    // Nobody by that name: no events, rather than every event (an empty list matches nothing).
    const found = await db.user.findMany({ where: { searchKey: { contains: folded } }, select: { id: true }, take: 500 });
    const ids = found.map((u) => u.id);
    and.push({ OR: [{ actorId: { in: ids } }, { subjectId: { in: ids } }] });
  }
  const where: Prisma.AuditEventWhereInput = { AND: and };

  const [events, total] = await Promise.all([db.auditEvent.findMany({ where, orderBy: { id: "desc" }, skip: (page - 1) * PAGE, take: PAGE }), db.auditEvent.count({ where })]);
  const parsed = events.map((e) => ({ ...e, parsed: parseDetails(e.details) }));
  const ids = new Set<string>();
  for (const e of parsed) {
    if (e.actorId) ids.add(e.actorId);
    if (e.subjectId) ids.add(e.subjectId);
    for (const id of userIdsIn(e.parsed)) ids.add(id);
  }
  const users = ids.size ? await db.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, fullName: true } }) : [];
  const names: AuditNames = { users: new Map(users.map((u) => [u.id, u.fullName])), units: new Map((await listUnits()).map((u) => [u.id, u])) };
  const personName = person ? names.users.get(person) ?? (await db.user.findUnique({ where: { id: person }, select: { fullName: true } }))?.fullName ?? null : null;

  return {
    events: parsed.map((e) => ({
      id: e.id,
      at: e.at,
      action: e.action,
      actor: e.actorId ? { id: e.actorId, name: names.users.get(e.actorId) ?? null } : null,
      subject: e.subjectId ? { id: e.subjectId, name: names.users.get(e.subjectId) ?? null } : null,
      facts: isAuditAction(e.action) ? auditRenderers[e.action](e.parsed, names) : facts(e.parsed, names),
      raw: e.details,
    })),
    total,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    person: person ? { id: person, name: personName } : null,
  };
}
