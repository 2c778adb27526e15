/**
 * Residents, as community digital-technology teams and provinces see them.
 *
 * A team's members (managers of the team unit) see the residents who chose
 * the team at sign-up, and each one's progress only when that resident
 * consented to share it with their unit; the others are counted, never
 * named. Provinces (and admins, communes, teams) see statistics of residents
 * who consented to statistics: people counts by commune, course and month,
 * with small counts hidden (see `SMALL` below, the README and
 * docs/decisions/0020-community-small-counts.md).
 *
 * Scope comes from models/scope.server.ts: a unit outside it is a 403,
 * whether it came from the address or a query parameter.
 */
import { Prisma } from "~/generated/prisma/client";
import { getCourse, listCourses } from "~/models/course.server";
import { findUnit, listUnits, listProvinces, currentUnit, type UnitOption } from "~/models/org.server";
import { unitInScope, type Scope } from "~/models/scope.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { vietnamDay } from "~/utils/i18n";
import { foldVietnamese, nfc } from "~/utils/text";

type Actor = Pick<SessionUser, "role" | "managedUnitId">;

const PAGE = 50;

/** SQLite hands back counts as bigint or number depending on size; the pages want numbers. */
const num = (value: unknown) => Number(value ?? 0);

/** The part of the Unit table below a unit, as an SQL condition on a unit id column (no LIKE: ids may hold "_"). */
function underUnit(column: Prisma.Sql, unit: Pick<UnitOption, "path">) {
  return Prisma.sql`EXISTS (SELECT 1 FROM "Unit" x WHERE x."id" = ${column} AND substr(x."path", 1, ${unit.path.length}) = ${unit.path})`;
}

/** The teams at or under a unit (every team, for the whole country). */
async function teamsUnder(unit: UnitOption | null): Promise<UnitOption[]> {
  return (await listUnits()).filter((u) => u.kind === "team" && (!unit || u.path.startsWith(unit.path)));
}

/** Whether the actor's scope holds any community team, for the link to the team page. */
export async function scopeHasTeams(scope: Scope): Promise<boolean> {
  return (await teamsUnder(scope.all ? null : scope.roots[0])).length > 0;
}

export type TeamResident = {
  id: string;
  fullName: string;
  teamId: string;
  teamName: string;
  enrolled: number;
  completed: number;
  certificates: number;
  /** Credited learning time this calendar year (Vietnam time), in seconds. */
  seconds: number;
};

/**
 * The residents who chose a team at or under `unitId` (the top of the
 * actor's scope without one): how many there are, how many share their
 * progress, and, for those who do, one page of their progress. Those who
 * did not consent are a number only: no name, no row, no id.
 */
export async function teamResidents({ actor, unitId, page = 1, now = new Date() }: { actor: Actor; unitId?: string | null; page?: number; now?: Date }) {
  const { unit } = await unitInScope(actor, unitId);
  const teams = await teamsUnder(unit);
  const teamIds = teams.map((t) => t.id);
  const year = vietnamDay(now).slice(0, 4);
  const empty = { unit, teams: teams.map(({ id, name }) => ({ id, name })), total: 0, sharing: 0, notSharing: 0, people: [] as TeamResident[], page: 1, pages: 1, year };
  if (teamIds.length === 0) return empty;

  const members = Prisma.sql`u."learnerGroup" = 'resident' AND u."unitId" IN (${Prisma.join(teamIds)})`;
  const shares = Prisma.sql`EXISTS (SELECT 1 FROM "Consent" c WHERE c."userId" = u."id" AND c."purpose" = 'share-with-unit' AND c."granted" = 1)`;
  const [counts] = await db.$queryRaw<{ total: unknown; sharing: unknown }[]>`
    SELECT COUNT(*) AS total, COALESCE(SUM(CASE WHEN ${shares} THEN 1 ELSE 0 END), 0) AS sharing FROM "User" u WHERE ${members}`;
  const total = num(counts?.total);
  const sharing = num(counts?.sharing);
  const pages = Math.max(1, Math.ceil(sharing / PAGE));
  const current = Math.min(page, pages);
  // One statement for the page: the consent is in its WHERE, so a resident who did not consent cannot reach a row.
  const rows = await db.$queryRaw<{ id: string; fullName: string; unitId: string; enrolled: unknown; completed: unknown; certificates: unknown; seconds: unknown }[]>`
    SELECT u."id", u."fullName", u."unitId",
      (SELECT COUNT(*) FROM "Enrollment" e WHERE e."userId" = u."id" AND e."unenrolledAt" IS NULL) AS enrolled,
      (SELECT COUNT(*) FROM "Enrollment" e WHERE e."userId" = u."id" AND e."completedAt" IS NOT NULL) AS completed,
      (SELECT COUNT(*) FROM "Certificate" k WHERE k."userId" = u."id" AND k."revokedAt" IS NULL AND k."replacedById" IS NULL) AS certificates,
      (SELECT COALESCE(SUM(d."seconds"), 0) FROM "LearningDay" d WHERE d."userId" = u."id" AND d."day" >= ${`${year}-01-01`} AND d."day" <= ${`${year}-12-31`}) AS seconds
    FROM "User" u
    WHERE ${members} AND ${shares}
    ORDER BY u."fullName", u."id"
    LIMIT ${PAGE} OFFSET ${(current - 1) * PAGE}`;
  const names = new Map(teams.map((t) => [t.id, t.name]));
  return {
    ...empty,
    total,
    sharing,
    notSharing: total - sharing,
    page: current,
    pages,
    people: rows.map((r) => ({
      id: r.id,
      fullName: r.fullName,
      teamId: r.unitId,
      teamName: names.get(r.unitId) ?? "",
      enrolled: num(r.enrolled),
      completed: num(r.completed),
      certificates: num(r.certificates),
      seconds: num(r.seconds),
    })),
  };
}

// ---------------------------------------------------------------------------
// Resident statistics

/**
 * Counts of 1 to 4 people are shown as "< 5", never exactly: in a small
 * commune, "2 residents completed the course in March" can be enough to
 * tell who (a neighbour, a relative). Zero is shown: it says nothing about
 * anyone.
 */
export const SMALL = 5;

/** A number as the page may show it. */
export type Shown = { exact: number } | { fewerThan: number } | { atLeast: number };

/**
 * Every number shown is a sum of base cells: one commune, one course, one
 * month. A base cell of 1–4 is hidden. A sum is exact only when none of
 * its base cells is hidden; otherwise it is shown as "at least" the exact
 * part plus one per hidden cell, which is no more than a reader can add
 * up from the monthly cells themselves (a sum of a single hidden cell is
 * that cell: "< 5"). So no total, and no other choice
 * of months, courses or communes, can be subtracted from another to reveal
 * a hidden cell: every exact number is a sum of exact cells.
 */
export class Tally {
  exact = 0;
  hidden = 0;
  add(count: number) {
    if (count > 0 && count < SMALL) this.hidden++;
    else this.exact += count;
    return this;
  }
  merge(other: Tally) {
    this.exact += other.exact;
    this.hidden += other.hidden;
    return this;
  }
  shown(): Shown {
    if (this.hidden === 0) return { exact: this.exact };
    // Nothing but one hidden cell: that cell, shown as itself.
    if (this.exact === 0 && this.hidden === 1) return { fewerThan: SMALL };
    return { atLeast: this.exact + this.hidden };
  }
}

/** One base cell as shown: its own count, or "< 5". */
export function showCell(count: number): Shown {
  return count > 0 && count < SMALL ? { fewerThan: SMALL } : { exact: count };
}

export const metrics = ["learners", "completions", "certificates"] as const;
export type Metric = (typeof metrics)[number];
type Counts = Record<Metric, number>;
type Tallies = Record<Metric, Tally>;
const tallies = (): Tallies => ({ learners: new Tally(), completions: new Tally(), certificates: new Tally() });
const addCounts = (t: Tallies, c: Counts) => metrics.forEach((m) => t[m].add(c[m]));
const showTallies = (t: Tallies) => Object.fromEntries(metrics.map((m) => [m, t[m].shown()])) as Record<Metric, Shown>;
const showCounts = (c: Counts) => Object.fromEntries(metrics.map((m) => [m, showCell(c[m])])) as Record<Metric, Shown>;

/** "2026-03": a month of Vietnam's calendar. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** A longer range is refused: the page is a table, not an archive. */
export const MAX_MONTHS = 36;

export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split("-").map(Number) as [number, number];
  for (let key = from; key <= to && months.length <= MAX_MONTHS; ) {
    months.push(key);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
    key = `${y}-${String(m).padStart(2, "0")}`;
  }
  return months;
}

/** The last twelve months, the current one included (Vietnam's calendar). */
export function defaultMonths(now = new Date()): { from: string; to: string } {
  const to = vietnamDay(now).slice(0, 7);
  const [y, m] = to.split("-").map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 12, 1));
  return { from: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, "0")}`, to };
}

/** Removes what people write before a commune's name, so "Xã Bắc Hà", "xa bac ha" and "Bắc Hà" group together. */
const communePrefix = /^(xa|phuong|thi tran|dac khu)\s+/;
export function communeGroupKey(typed: string): string {
  return foldVietnamese(nfc(typed)).replace(/\s+/g, " ").trim().replace(communePrefix, "");
}

export type CommuneGroup = {
  /** "u:<unit id>", "t:<province>:<folded text>" or "x:<province>": the drill-down's address. */
  key: string;
  /** "unit": a commune of the tree; "typed": the text typed at sign-up; "unknown": neither. */
  source: "unit" | "typed" | "unknown";
  name: string;
  provinceName: string | null;
};

/**
 * The commune a resident is counted under: the commune the unit they chose
 * belongs to (a team's parent commune), or its successor when it has since
 * merged; otherwise what they typed at sign-up, grouped by its folded form
 * within their province; otherwise "unknown" in their province.
 */
async function communeOf(row: { unitId: string | null; provinceCode: string | null; commune: string | null }, provinces: Map<string, string>): Promise<CommuneGroup> {
  const provinceName = row.provinceCode ? provinces.get(row.provinceCode) ?? null : null;
  let unit = row.unitId ? await findUnit(row.unitId) : undefined;
  while (unit && unit.kind !== "commune") unit = unit.parentId ? await findUnit(unit.parentId) : undefined;
  if (unit) {
    const commune = (await currentUnit(unit.id)) ?? unit;
    const province = commune.provinceCode ? provinces.get(commune.provinceCode) ?? null : provinceName;
    return { key: `u:${commune.id}`, source: "unit", name: commune.name, provinceName: province };
  }
  const typed = row.commune ? communeGroupKey(row.commune) : "";
  if (typed) return { key: `t:${row.provinceCode ?? ""}:${typed}`, source: "typed", name: nfc(row.commune!.trim().replace(/\s+/g, " ")), provinceName };
  return { key: `x:${row.provinceCode ?? ""}`, source: "unknown", name: "", provinceName };
}

/** The residents a scope counts, as an SQL condition on "User" u. */
function residentsIn(unit: UnitOption | null) {
  if (!unit) return Prisma.sql`1 = 1`;
  // Residents who chose no team, or a unit outside the tree, belong to their province by what they typed:
  // the top of a province's tree counts them too.
  const province = unit.provinceCode && (unit.kind === "province" || unit.depth === 0) ? unit.provinceCode : null;
  const typed = province ? Prisma.sql` OR (u."unitId" IS NULL AND u."provinceCode" = ${province})` : Prisma.empty;
  return Prisma.sql`(${underUnit(Prisma.sql`u."unitId"`, unit)}${typed})`;
}

type Row = { unitId: string | null; provinceCode: string | null; commune: string | null; courseSlug: string; month: string } & Counts;

export type StatisticsInput = {
  actor: Actor;
  unitId?: string | null;
  months: { from: string; to: string };
  courseSlug?: string | null;
  /** A commune group's key, to drill into it month by month. */
  commune?: string | null;
};

/**
 * Learners (residents who enrolled in the month), completions and first
 * certificates, by commune, course and month, of residents in the scope who
 * consented to statistics. Counted in SQL per unit, typed commune, course
 * and month; communes are then resolved from the cached unit tree and the
 * typed text folded (SQLite cannot fold Vietnamese), and only then are
 * small cells hidden.
 */
export async function residentStatistics({ actor, unitId, months, courseSlug, commune }: StatisticsInput) {
  const { scope, unit } = await unitInScope(actor, unitId);
  if (!MONTH.test(months.from) || !MONTH.test(months.to) || months.from > months.to) throw new Response("Bad month range", { status: 400 });
  const monthList = monthsBetween(months.from, months.to);
  if (monthList.length > MAX_MONTHS) throw new Response("Month range too long", { status: 400 });
  if (courseSlug && !getCourse(courseSlug)) throw new Response("No such course", { status: 400 });
  if (commune?.startsWith("u:")) {
    // A commune of the tree named in the address: the same 404 and 403 as any unit.
    const { unit: named } = await unitInScope(actor, commune.slice(2));
    if (unit && named && !named.path.startsWith(unit.path)) throw new Response("Forbidden", { status: 403 });
  }

  const course = (column: Prisma.Sql) => (courseSlug ? Prisma.sql` AND ${column} = ${courseSlug}` : Prisma.empty);
  // Months of Vietnam's calendar: UTC+7 all year (no daylight saving). SQLite reads both the ISO
  // dates Prisma writes and its own CURRENT_TIMESTAMP form. Both begin "YYYY-MM-DD", so a plain
  // comparison with the UTC days around the range skips most rows before strftime runs.
  const [fy, fm] = months.from.split("-").map(Number) as [number, number];
  const [ty, tm] = months.to.split("-").map(Number) as [number, number];
  const after = new Date(Date.UTC(fy, fm - 1, 0)).toISOString().slice(0, 10);
  const before = new Date(Date.UTC(ty, tm, 1)).toISOString().slice(0, 10);
  const inRange = (column: Prisma.Sql) => Prisma.sql`${column} >= ${after} AND ${column} < ${before} AND strftime('%Y-%m', ${column}, '+7 hours') BETWEEN ${months.from} AND ${months.to}`;
  const counted = Prisma.sql`u."learnerGroup" = 'resident' AND ${residentsIn(unit)}
    AND EXISTS (SELECT 1 FROM "Consent" c WHERE c."userId" = u."id" AND c."purpose" = 'statistics' AND c."granted" = 1)`;
  const rows = await db.$queryRaw<Row[]>`
    WITH r AS MATERIALIZED (
      SELECT u."id", u."unitId", u."provinceCode", u."commune" FROM "User" u WHERE ${counted}
    ),
    -- A person's first valid certificate for a course: a reissue is not a second one.
    firsts AS (
      SELECT k."userId", k."courseSlug", MIN(k."issuedAt") AS "issuedAt" FROM r JOIN "Certificate" k ON k."userId" = r."id"
      WHERE k."revokedAt" IS NULL${course(Prisma.sql`k."courseSlug"`)} GROUP BY k."userId", k."courseSlug"
    )
    SELECT r."unitId", r."provinceCode", r."commune", e."courseSlug", strftime('%Y-%m', e."enrolledAt", '+7 hours') AS month,
      COUNT(*) AS learners, 0 AS completions, 0 AS certificates
    FROM r JOIN "Enrollment" e ON e."userId" = r."id"
    WHERE ${inRange(Prisma.sql`e."enrolledAt"`)}${course(Prisma.sql`e."courseSlug"`)}
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT r."unitId", r."provinceCode", r."commune", e."courseSlug", strftime('%Y-%m', e."completedAt", '+7 hours'), 0, COUNT(*), 0
    FROM r JOIN "Enrollment" e ON e."userId" = r."id"
    WHERE e."completedAt" IS NOT NULL AND ${inRange(Prisma.sql`e."completedAt"`)}${course(Prisma.sql`e."courseSlug"`)}
    GROUP BY 1, 2, 3, 4, 5
    UNION ALL
    SELECT r."unitId", r."provinceCode", r."commune", f."courseSlug", strftime('%Y-%m', f."issuedAt", '+7 hours'), 0, 0, COUNT(*)
    FROM r JOIN firsts f ON f."userId" = r."id"
    WHERE ${inRange(Prisma.sql`f."issuedAt"`)}
    GROUP BY 1, 2, 3, 4, 5`;

  const provinces = new Map((await listProvinces()).map((p) => [p.code, p.name]));
  // What one person typed can be anything, their own name included: a typed commune is shown by
  // name only when at least SMALL counted residents typed it; fewer count under "unknown".
  const typedBy = new Map<string, number>();
  const typers = await db.$queryRaw<{ unitId: string | null; provinceCode: string | null; commune: string; people: unknown }[]>`
    SELECT u."unitId", u."provinceCode", u."commune", COUNT(*) AS people FROM "User" u
    WHERE u."commune" IS NOT NULL AND ${counted} GROUP BY 1, 2, 3`;
  // A typed commune's label is the spelling most of them typed (ties: the first in sort order, so it does not change between requests).
  const spellings = new Map<string, Map<string, number>>();
  for (const row of typers) {
    const group = await communeOf(row, provinces);
    if (group.source !== "typed") continue;
    typedBy.set(group.key, (typedBy.get(group.key) ?? 0) + num(row.people));
    const counts = spellings.get(group.key) ?? new Map<string, number>();
    counts.set(group.name, (counts.get(group.name) ?? 0) + num(row.people));
    spellings.set(group.key, counts);
  }
  const label = (key: string) => [...(spellings.get(key) ?? [])].sort(([a, m], [b, n]) => n - m || a.localeCompare(b, "vi", { caseFirst: "upper" }))[0]?.[0];
  const resolve = async (row: { unitId: string | null; provinceCode: string | null; commune: string | null }) => {
    const group = await communeOf(row, provinces);
    if (group.source !== "typed") return group;
    return (typedBy.get(group.key) ?? 0) < SMALL ? communeOf({ ...row, commune: null }, provinces) : { ...group, name: label(group.key) ?? group.name };
  };
  // Base cells: commune × course × month, after folding typed communes together.
  const groups = new Map<string, CommuneGroup>();
  const cells = new Map<string, Counts>();
  for (const row of rows) {
    const group = await resolve(row);
    if (!groups.has(group.key)) groups.set(group.key, group);
    const id = `${group.key}\u0000${row.courseSlug}\u0000${row.month}`;
    const cell = cells.get(id) ?? { learners: 0, completions: 0, certificates: 0 };
    for (const m of metrics) cell[m] += num(row[m]);
    cells.set(id, cell);
  }

  const courseTitles = new Map(listCourses().map((c) => [c.slug, c.title]));
  const titleOf = (slug: string) => courseTitles.get(slug) ?? getCourse(slug)?.meta.title ?? slug;
  const parsed = [...cells].map(([id, counts]) => {
    const [key, slug, month] = id.split("\u0000") as [string, string, string];
    return { key, slug, month, counts };
  });
  const byCourse = <T extends { slug: string }>(a: T, b: T) => titleOf(a.slug).localeCompare(titleOf(b.slug), "vi");

  // The table: one row per commune and course over the months chosen, with commune subtotals and a grand total.
  const communeRows = new Map<string, { group: CommuneGroup; courses: Map<string, Tallies>; total: Tallies }>();
  const grand = tallies();
  for (const { key, slug, counts } of parsed) {
    const entry = communeRows.get(key) ?? { group: groups.get(key)!, courses: new Map(), total: tallies() };
    const perCourse = entry.courses.get(slug) ?? tallies();
    addCounts(perCourse, counts);
    addCounts(entry.total, counts);
    addCounts(grand, counts);
    entry.courses.set(slug, perCourse);
    communeRows.set(key, entry);
  }
  const order = (a: CommuneGroup, b: CommuneGroup) =>
    (a.provinceName ?? "").localeCompare(b.provinceName ?? "", "vi") ||
    ["unit", "typed", "unknown"].indexOf(a.source) - ["unit", "typed", "unknown"].indexOf(b.source) ||
    a.name.localeCompare(b.name, "vi");
  const table = [...communeRows.values()]
    .sort((a, b) => order(a.group, b.group))
    .map((entry) => ({
      ...entry.group,
      courses: [...entry.courses].map(([slug, t]) => ({ slug, title: titleOf(slug), ...showTallies(t) })).sort(byCourse),
      total: showTallies(entry.total),
    }));

  // Drilling into one commune: each month and course is a base cell, shown as it is.
  let detail: null | { group: CommuneGroup; rows: { month: string; slug: string; title: string; learners: Shown; completions: Shown; certificates: Shown }[]; total: Record<Metric, Shown> } = null;
  if (commune) {
    const group = groups.get(commune) ?? (await describeKey(commune, provinces));
    if (!group) throw new Response("No such commune", { status: 404 });
    const total = tallies();
    const own = parsed.filter((p) => p.key === commune).sort((a, b) => a.month.localeCompare(b.month) || byCourse(a, b));
    for (const p of own) addCounts(total, p.counts);
    detail = { group, rows: own.map((p) => ({ month: p.month, slug: p.slug, title: titleOf(p.slug), ...showCounts(p.counts) })), total: showTallies(total) };
  }

  return {
    unit,
    months: monthList,
    table,
    total: showTallies(grand),
    detail,
    hasTeams: await scopeHasTeams(unit ? { all: false, roots: [unit] } : scope),
  };
}

/** A commune group with no counts in the months chosen: still a page, with zeros, when its key is well formed. */
async function describeKey(key: string, provinces: Map<string, string>): Promise<CommuneGroup | null> {
  if (key.startsWith("u:")) {
    const unit = await findUnit(key.slice(2));
    return unit ? { key, source: "unit", name: unit.name, provinceName: unit.provinceCode ? provinces.get(unit.provinceCode) ?? null : null } : null;
  }
  const typed = /^t:(\d{0,3}):(.{1,200})$/su.exec(key);
  if (typed && communeGroupKey(typed[2]!) === typed[2]) return { key, source: "typed", name: typed[2]!, provinceName: provinces.get(typed[1]!) ?? null };
  const unknown = /^x:(\d{0,3})$/.exec(key);
  if (unknown) return { key, source: "unknown", name: "", provinceName: provinces.get(unknown[1]!) ?? null };
  return null;
}
