/**
 * The required-training report on a generated province (10,000 officials,
 * 500 units, 50,000 required courses): its numbers against counts written
 * independently in SQL, its filters and grouping modes, the scope, and the
 * CSV and XLSX exports read back to the same rows and totals.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, test, vi } from "vitest";
import { buildReportDataset, type Dataset } from "../../setup/report-dataset";
import { getCourse, loadCourses } from "~/models/course.server";
import { forgetReferenceData } from "~/models/org.server";
import { finalQuiz } from "~/models/progress.server";
import { peopleExport, reportExport, trainingRecordExport } from "~/models/report-export.server";
import { parseReportQuery, personForManager, requiredTrainingPeople, requiredTrainingReport, type ReportQuery } from "~/models/report.server";
import { periodsOf, unitTrainingRecord } from "~/models/training-record.server";
import { csvStream, type ExportTable } from "~/utils/csv-export.server";
import { parseCsv } from "~/utils/csv";
import { xlsxStream } from "~/utils/xlsx-export.server";
import { db } from "~/utils/db.server";

const NOW = new Date("2026-11-29T05:00:00Z");
const ROOT = "p";
const admin = { role: "admin" as const, managedUnitId: null };
const manager = { role: "manager" as const, managedUnitId: ROOT };
const otherManager = { role: "manager" as const, managedUnitId: "q" };

let data: Dataset;
// Each test reads a province of 50,000 required courses, some several times.
vi.setConfig({ testTimeout: 60_000 });

beforeAll(async () => {
  await loadCourses({ cacheDir: null });
  data = buildReportDataset({ root: ROOT, officials: 10_000, units: 500, now: NOW });
  // Another province, for the scope.
  buildReportDataset({ root: "q", officials: 50, units: 5, now: NOW });
  forgetReferenceData();
}, 120_000);

const query = (over: Partial<ReportQuery> = {}): ReportQuery => ({ unitId: null, course: null, from: null, to: null, position: null, group: "at-time", ...over });

/** The same numbers, counted another way: LIKE on Unit.path, IN lists, one aggregate per column. */
async function independentCount(pathPrefix: string, extra = "") {
  const finals = data.courseSlugs
    .map((slug) => finalQuiz(getCourse(slug)!))
    .map((f, i) => (f ? `(q.courseSlug = '${data.courseSlugs[i]}' AND q.quizId = '${f.id}')` : "0"))
    .join(" OR ");
  const now = NOW.toISOString().replace("Z", "+00:00");
  const [row] = await db.$queryRawUnsafe<Record<string, number | bigint | null>[]>(`
    WITH pairs AS (
      SELECT la.userId, la.courseSlug, MIN(la.dueAt) AS dueAt FROM LearnerAssignment la, Assignment a
      WHERE a.id = la.assignmentId AND a.withdrawnAt IS NULL
        AND la.unitId IN (SELECT id FROM Unit WHERE path LIKE '${pathPrefix}%')
        AND (la.endedAt IS NULL OR la.userId IN (SELECT e.userId FROM Enrollment e WHERE e.courseSlug = la.courseSlug AND e.completedAt IS NOT NULL))
        ${extra}
      GROUP BY la.userId, la.courseSlug
    ),
    done AS (SELECT p.* FROM pairs p JOIN Enrollment e ON e.userId = p.userId AND e.courseSlug = p.courseSlug WHERE e.completedAt IS NOT NULL),
    best AS (SELECT d.userId, d.courseSlug, (SELECT MAX(q.score) FROM QuizAttempt q WHERE q.userId = d.userId AND q.courseSlug = d.courseSlug AND q.passed = 1 AND (${finals})) AS score FROM done d)
    SELECT
      (SELECT COUNT(DISTINCT userId) FROM pairs) AS people,
      (SELECT COUNT(*) FROM pairs) AS assigned,
      (SELECT COUNT(*) FROM pairs WHERE userId NOT IN (SELECT userId FROM Consent WHERE purpose = 'share-with-unit' AND granted = 1)) AS notShared,
      (SELECT COUNT(*) FROM done) AS completed,
      (SELECT COUNT(*) FROM pairs p WHERE (p.userId, p.courseSlug) IN (SELECT userId, courseSlug FROM done) OR (p.userId, p.courseSlug) IN (SELECT userId, courseSlug FROM LessonProgress)) AS started,
      (SELECT COUNT(*) FROM pairs p WHERE p.dueAt < '${now}' AND (p.userId, p.courseSlug) NOT IN (SELECT userId, courseSlug FROM done)) AS overdue,
      (SELECT COUNT(*) FROM pairs p WHERE (p.userId, p.courseSlug) IN (
        SELECT userId, courseSlug FROM Certificate WHERE revokedAt IS NULL AND replacedById IS NULL AND (expiresAt IS NULL OR expiresAt > '${now}'))) AS certificates,
      (SELECT SUM(lp.activeSeconds) FROM LessonProgress lp WHERE (lp.userId, lp.courseSlug) IN (SELECT userId, courseSlug FROM pairs)) AS seconds,
      (SELECT SUM(score) FROM best) AS scoreSum,
      (SELECT COUNT(score) FROM best) AS scored`);
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v ?? 0)]));
}

const numbers = (r: Record<string, unknown>) => ({
  people: r.people,
  assigned: r.assigned,
  notShared: r.notShared,
  started: r.started,
  completed: r.completed,
  overdue: r.overdue,
  certificates: r.certificates,
  seconds: r.seconds,
  scoreSum: r.scoreSum,
  scored: r.scored,
});

describe("the report by sub-unit", () => {
  test("totals of the province equal an independent count in SQL, and are the exact sum of the rows", async () => {
    const report = await requiredTrainingReport({ actor: manager, query: query(), now: NOW });
    const expected = await independentCount(`/${ROOT}/`);
    expect(expected.assigned).toBeGreaterThan(45_000);
    expect(numbers(report.totals)).toEqual(numbers(expected));
    for (const key of ["people", "assigned", "notShared", "started", "completed", "overdue", "certificates", "seconds", "scoreSum", "scored"] as const) {
      expect(report.rows.reduce((sum, r) => sum + r[key], 0), key).toBe(report.totals[key]);
    }
    // Every state is there: the dataset is not one-sided.
    for (const key of ["notShared", "started", "completed", "overdue", "certificates", "scored"] as const) expect(report.totals[key], key).toBeGreaterThan(0);
    expect(report.totals.averageScore).toBeCloseTo(expected.scoreSum! / expected.scored!, 1);
  });

  test("each sub-unit's row equals the independent count of its subtree, plus a row for the unit itself", async () => {
    const report = await requiredTrainingReport({ actor: manager, query: query(), now: NOW });
    const children = report.rows.filter((r) => r.unit);
    expect(children.length).toBeGreaterThan(10);
    for (const row of children.slice(0, 6)) {
      expect(numbers(row), row.unit!.id).toEqual(numbers(await independentCount(`/${ROOT}/${row.unit!.id}/`)));
    }
    const own = report.rows.find((r) => !r.unit)!;
    const [direct] = await db.$queryRawUnsafe<{ n: number }[]>(
      `SELECT COUNT(DISTINCT la.userId) AS n FROM LearnerAssignment la JOIN Assignment a ON a.id = la.assignmentId WHERE la.unitId = '${ROOT}' AND a.withdrawnAt IS NULL`,
    );
    expect(own.people).toBe(Number(direct!.n));
  });

  test("filters by course, due period and position count what the same filters count in SQL", async () => {
    const course = data.courseSlugs[2]!;
    const byCourse = await requiredTrainingReport({ actor: manager, query: query({ course }), now: NOW });
    expect(numbers(byCourse.totals)).toEqual(numbers(await independentCount(`/${ROOT}/`, `AND la.courseSlug = '${course}'`)));

    const { query: period, errors } = parseReportQuery(new URLSearchParams({ from: "2026-01-01", to: "2026-06-30" }));
    expect(errors).toEqual([]);
    const byPeriod = await requiredTrainingReport({ actor: manager, query: period, now: NOW });
    // Due on or after 1 January and before 1 July, Vietnam time (UTC+7).
    expect(numbers(byPeriod.totals)).toEqual(
      numbers(await independentCount(`/${ROOT}/`, `AND la.dueAt >= '2025-12-31T17:00:00.000+00:00' AND la.dueAt < '2026-06-30T17:00:00.000+00:00'`)),
    );
    expect(byPeriod.totals.assigned).toBeLessThan(byCourse.totals.assigned * 5);

    const byPosition = await requiredTrainingReport({ actor: manager, query: query({ position: "Văn thư" }), now: NOW });
    expect(numbers(byPosition.totals)).toEqual(numbers(await independentCount(`/${ROOT}/`, `AND la.position = 'Văn thư'`)));
    expect(byPosition.totals.assigned).toBeGreaterThan(0);
  });

  test("bad filters are errors with what was typed, never a query", () => {
    const parsed = parseReportQuery(new URLSearchParams({ course: "khong-co", from: "2026-02-30", group: "x", position: "a\u0000b" }));
    expect(parsed.errors.sort()).toEqual(["report.badCourse", "report.badDate", "report.badGroup", "report.badPosition"]);
    expect(parsed.typed.from).toBe("2026-02-30");
    expect(parseReportQuery(new URLSearchParams({ from: "2026-06-01", to: "2026-01-01" })).errors).toEqual(["report.badPeriod"]);
  });

  test("'current unit' counts a merged unit's rows under its successor; 'at the time' under the unit itself", async () => {
    const { id: mergedId, successorId } = data.merged[0]!;
    const parent = data.unitIds.find((id) => mergedId.startsWith(`${id}-x`))!;
    const atTime = await requiredTrainingReport({ actor: manager, query: query({ unitId: parent }), now: NOW });
    const current = await requiredTrainingReport({ actor: manager, query: query({ unitId: parent, group: "current" }), now: NOW });
    const rowOf = (r: typeof atTime, id: string) => r.rows.find((x) => x.unit?.id === id);
    expect(rowOf(atTime, mergedId)!.assigned).toBeGreaterThan(0);
    expect(rowOf(current, mergedId)).toBeUndefined();
    expect(rowOf(current, successorId)!.assigned).toBe(rowOf(atTime, mergedId)!.assigned + rowOf(atTime, successorId)!.assigned);
    expect(numbers(current.totals)).toEqual(numbers(atTime.totals));
  });

  test("drill-down: a sub-unit's report is its row one level up; breadcrumbs lead back to the scope's top", async () => {
    const top = await requiredTrainingReport({ actor: manager, query: query(), now: NOW });
    const child = top.rows.find((r) => r.unit?.hasChildren)!;
    const down = await requiredTrainingReport({ actor: manager, query: query({ unitId: child.unit!.id }), now: NOW });
    expect(numbers(down.totals)).toEqual(numbers(child));
    expect(down.breadcrumbs.map((b) => b.id)).toEqual([ROOT, child.unit!.id]);
    const asAdmin = await requiredTrainingReport({ actor: admin, query: query({ unitId: child.unit!.id }), now: NOW });
    expect(asAdmin.breadcrumbs.map((b) => b.id)).toEqual([null, ROOT, child.unit!.id]);
  });

  test("a manager of another province gets 403, for a unit and its people; an unknown unit is 404", async () => {
    const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Response ? e.status : 500));
    expect(await status(requiredTrainingReport({ actor: otherManager, query: query({ unitId: ROOT }) }))).toBe(403);
    expect(await status(requiredTrainingPeople({ actor: otherManager, query: query({ unitId: `${ROOT}-d1` }), page: 1 }))).toBe(403);
    expect(await status(reportExport({ actor: otherManager, query: query({ unitId: ROOT }) }))).toBe(403);
    expect(await status(peopleExport({ actor: otherManager, query: query({ unitId: ROOT }) }))).toBe(403);
    expect(await status(trainingRecordExport({ actor: otherManager, unitId: ROOT, year: 2026 }))).toBe(403);
    expect(await status(requiredTrainingReport({ actor: manager, query: query({ unitId: "khong-co-don-vi" }) }))).toBe(404);
    expect(await status(requiredTrainingReport({ actor: { role: "learner" as never, managedUnitId: null }, query: query() }))).toBe(403);
  });
});

describe("the people list", () => {
  test("names only those who share, counts the others, and pages through all of them", async () => {
    const unitId = `${ROOT}-d3`;
    const first = await requiredTrainingPeople({ actor: manager, query: query({ unitId }), page: 1, now: NOW });
    const [expected] = await db.$queryRawUnsafe<{ shared: number; notShared: number }[]>(`
      SELECT COUNT(DISTINCT CASE WHEN c.granted = 1 THEN la.userId END) AS shared, COUNT(DISTINCT CASE WHEN c.granted IS NOT 1 THEN la.userId END) AS notShared
      FROM LearnerAssignment la JOIN Assignment a ON a.id = la.assignmentId AND a.withdrawnAt IS NULL
      LEFT JOIN Consent c ON c.userId = la.userId AND c.purpose = 'share-with-unit'
      WHERE la.unitId IN (SELECT id FROM Unit WHERE path LIKE '/${ROOT}/${unitId}/%')
        AND (la.endedAt IS NULL OR EXISTS (SELECT 1 FROM Enrollment e WHERE e.userId = la.userId AND e.courseSlug = la.courseSlug AND e.completedAt IS NOT NULL))`);
    expect({ shared: first.shared, notShared: first.notShared }).toEqual({ shared: Number(expected!.shared), notShared: Number(expected!.notShared) });
    expect(first.people).toHaveLength(50);
    const ids = first.people.map((p) => p.userId);
    const consents = await db.consent.findMany({ where: { userId: { in: ids }, purpose: "share-with-unit" } });
    expect(consents.filter((c) => c.granted)).toHaveLength(50);
    const last = await requiredTrainingPeople({ actor: manager, query: query({ unitId }), page: first.pages, now: NOW });
    expect(last.people.length).toBe(first.shared - (first.pages - 1) * 50);
  });
});

describe("a person's page", () => {
  test("shows the courses, certificates and states of someone who shares; only 'not shared' for someone who does not; 403 outside scope", async () => {
    const [sharing] = await db.$queryRawUnsafe<{ userId: string }[]>(`SELECT userId FROM Consent WHERE purpose = 'share-with-unit' AND granted = 1 AND userId LIKE '${ROOT}-u%' LIMIT 1`);
    const [private_] = await db.$queryRawUnsafe<{ userId: string }[]>(`SELECT userId FROM Consent WHERE purpose = 'share-with-unit' AND granted = 0 AND userId LIKE '${ROOT}-u%' LIMIT 1`);
    const shown = await personForManager({ actor: manager, userId: sharing!.userId, now: NOW });
    expect(shown.shared).toBe(true);
    if (!shown.shared) return;
    expect(shown.courses.filter((c) => c.required).map((c) => c.slug).sort()).toEqual([...data.courseSlugs].sort().filter((slug) => shown.courses.some((c) => c.slug === slug)));
    expect(shown.courses.length).toBeGreaterThanOrEqual(4);
    const hidden = await personForManager({ actor: manager, userId: private_!.userId, now: NOW });
    expect(hidden).toEqual({ shared: false, person: expect.objectContaining({ id: private_!.userId }) });
    expect(Object.keys(hidden)).toEqual(["person", "shared"]);
    const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof Response ? e.status : 500));
    expect(await status(personForManager({ actor: otherManager, userId: sharing!.userId }))).toBe(403);
    expect(await status(personForManager({ actor: manager, userId: "khong-co-ai" }))).toBe(404);
  });
});

async function readCsv(table: ExportTable) {
  const bytes = new Uint8Array(await new Response(csvStream(table)).arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  // TextDecoder drops the byte-order mark it reads first; the import's reader reads it back.
  return parseCsv(new TextDecoder().decode(bytes)).map((record) => record.fields);
}

async function readXlsx(table: ExportTable) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(await new Response(xlsxStream(table)).arrayBuffer()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, rows };
}

describe("exports", () => {
  test("the report as CSV and XLSX: Vietnamese headers, the same rows and the same totals as the screen", async () => {
    const report = await requiredTrainingReport({ actor: manager, query: query() });
    const { table, fileName } = await reportExport({ actor: manager, query: query() });
    expect(fileName).toContain("Báo cáo");
    const csv = await readCsv(table);
    expect(csv[0]![0]).toBe("Đơn vị");
    expect(csv[0]).toContain("Quá hạn");
    expect(csv).toHaveLength(report.rows.length + 2);
    const totals = csv.at(-1)!;
    expect(totals[0]).toBe("Tổng cộng");
    expect(totals.slice(1, 7).map(Number)).toEqual([report.totals.people, report.totals.assigned, report.totals.notShared, report.totals.started, report.totals.completed, report.totals.overdue]);
    // The rows add up to the totals line, as on screen.
    expect(csv.slice(1, -1).reduce((sum, r) => sum + Number(r[2]), 0)).toBe(Number(totals[2]));

    const { sheet, rows } = await readXlsx(table);
    expect(rows).toHaveLength(report.rows.length + 2);
    expect(rows[0]![0]).toBe("Đơn vị");
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(rows.at(-1)!.slice(0, 7)).toEqual(["Tổng cộng", report.totals.people, report.totals.assigned, report.totals.notShared, report.totals.started, report.totals.completed, report.totals.overdue]);
  });

  test("the people list as CSV and XLSX: one row per person and course, dates dd/mm/yyyy or real dates, formulas defused", async () => {
    const unitId = `${ROOT}-d4`;
    const page = await requiredTrainingPeople({ actor: manager, query: query({ unitId }), page: 1 });
    const [pairs] = await db.$queryRawUnsafe<{ n: number }[]>(`
      SELECT COUNT(*) AS n FROM (SELECT DISTINCT la.userId, la.courseSlug FROM LearnerAssignment la JOIN Assignment a ON a.id = la.assignmentId AND a.withdrawnAt IS NULL
      JOIN Consent c ON c.userId = la.userId AND c.purpose = 'share-with-unit' AND c.granted = 1
      WHERE la.unitId IN (SELECT id FROM Unit WHERE path LIKE '/${ROOT}/${unitId}/%')
        AND (la.endedAt IS NULL OR EXISTS (SELECT 1 FROM Enrollment e WHERE e.userId = la.userId AND e.courseSlug = la.courseSlug AND e.completedAt IS NOT NULL)))`);
    const { table } = await peopleExport({ actor: manager, query: query({ unitId }) });
    const csv = await readCsv(table);
    expect(csv.length - 2).toBe(Number(pairs!.n));
    expect(csv.at(-1)).toEqual(["Không chia sẻ với đơn vị (chỉ đếm)", String(page.notShared)]);
    expect(csv[1]![0]).toBe(page.people[0]!.fullName);
    expect(csv[1]![4]).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    // "=Kế toán" is a position in the dataset: it leaves as text.
    expect(csv.some((r) => r[1] === "'=Kế toán")).toBe(true);
    expect(csv.some((r) => r[1] === "=Kế toán")).toBe(false);

    const { rows } = await readXlsx(table);
    expect(rows.length - 2).toBe(Number(pairs!.n));
    expect(rows[1]![4]).toBeInstanceOf(Date);
    const first = page.people[0]!.courses[0]!;
    const due = rows[1]![4] as Date;
    expect(`${String(due.getUTCDate()).padStart(2, "0")}/${String(due.getUTCMonth() + 1).padStart(2, "0")}/${due.getUTCFullYear()}`).toBe(csv[1]![4]);
    expect(rows[1]![3]).toBe(first.courseTitle);
  });
});

describe("the annual training record", () => {
  test("hours and 45-minute periods from learning days in the year, the unit's target, sharing people only", async () => {
    const unitId = `${ROOT}-d0`;
    const record = await unitTrainingRecord({ actor: manager, unitId, year: 2026, page: 1 });
    const [expected] = await db.$queryRawUnsafe<{ officials: number; notShared: number }[]>(`
      SELECT COUNT(*) AS officials, SUM(u.id NOT IN (SELECT userId FROM Consent WHERE purpose = 'share-with-unit' AND granted = 1)) AS notShared
      FROM User u WHERE u.learnerGroup = 'official' AND u.unitId IN (SELECT id FROM Unit WHERE path LIKE '/${ROOT}/${unitId}/%')`);
    expect({ officials: record.officials, notShared: record.notShared }).toEqual({ officials: Number(expected!.officials), notShared: Number(expected!.notShared) });
    for (const row of record.rows.slice(0, 20)) {
      const days = await db.learningDay.findMany({ where: { userId: row.userId, day: { startsWith: "2026-" } } });
      const seconds = days.reduce((s, d) => s + d.seconds, 0);
      expect(row.seconds).toBe(seconds);
      expect(row.periods).toBe(Math.floor(seconds / 60 / 45));
      // d0 has a target of its own (60 hours); the province's 40 applies elsewhere.
      expect(row.targetHours).toBe(60);
      expect(row.met).toBe(seconds >= 60 * 3600);
    }
    expect(periodsOf(45 * 60 - 1)).toBe(0);
    expect(periodsOf(45 * 60)).toBe(1);

    const { table } = await trainingRecordExport({ actor: manager, unitId, year: 2026 });
    const csv = await readCsv(table);
    expect(csv.length - 2).toBe(record.officials - record.notShared);
    expect(csv[1]![0]).toBe(record.rows[0]!.fullName);
    expect(Number(csv[1]![4])).toBe(record.rows[0]!.periods);
  });
});
