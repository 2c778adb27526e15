/**
 * `npm run bench:reports`: the required-training report on a generated
 * province (10,000 officials, 500 units, 50,000 required courses), through
 * the page's loader with a signed-in manager, and the exports' time and
 * memory at about 1,000, 10,000 and 100,000 rows (the people list, one row
 * per person and course), each read to the end as a fast client would.
 *
 * Goals: report page p95 ≤ 300 ms; a 100,000-row XLSX in ≤ 10 s with
 * memory growth ≤ 100 MB. `BENCH_EXPORT_HEAP_MB=96 npm run bench:reports`
 * runs each export with its heap capped, to tell memory it keeps from
 * garbage the collector has not yet needed to free.
 */
import { execFileSync } from "node:child_process";
import { machine, summary, time, useScratchDatabase } from "./scratch";

/**
 * Each export runs in a process of its own, started on the finished
 * database: peak RSS growth is then that export's, not heap left grown by
 * the previous one.
 */
if (process.env.BENCH_EXPORT) {
  const [root, format] = process.env.BENCH_EXPORT.split(":") as [string, "csv" | "xlsx"];
  const { loadCourses } = await import("~/models/course.server");
  const { peopleExport } = await import("~/models/report-export.server");
  const { csvStream } = await import("~/utils/csv-export.server");
  const { xlsxStream } = await import("~/utils/xlsx-export.server");
  await loadCourses({ cacheDir: null });
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = performance.now();
  const { table } = await peopleExport({ actor: { role: "admin", managedUnitId: null }, query: { unitId: root, course: null, from: null, to: null, position: null, group: "at-time" } });
  let rows = 0;
  const counted = {
    ...table,
    rows: async function* () {
      for await (const batch of table.rows()) {
        rows += batch.length;
        yield batch;
      }
    },
  };
  const reader = (format === "csv" ? csvStream(counted) : xlsxStream(counted)).getReader();
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ rows, seconds, bytes, growth: peak - baseline }));
  process.exit(0);
}

const scratch = useScratchDatabase();

const { seed } = await import("../../prisma/seed");
const { loadCourses } = await import("~/models/course.server");
const { forgetReferenceData } = await import("~/models/org.server");
const { buildReportDataset } = await import("../setup/report-dataset");
const { startSession } = await import("~/utils/auth.server");
const { db } = await import("~/utils/db.server");
const { loader } = await import("~/routes/manage._index");

await seed({ demo: false });
await loadCourses({ cacheDir: null });
const now = new Date();

console.log(`reports on ${machine()}\n`);
const started = performance.now();
buildReportDataset({ root: "p", officials: 10_000, units: 500, now });
for (const [root, officials] of [["e1k", 250], ["e10k", 2_500], ["e100k", 25_000]] as const) buildReportDataset({ root, officials, units: 50, now });
forgetReferenceData();
console.log(`datasets built in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

const manager = await db.user.create({
  data: { email: "quan-ly-bench@example.vn", passwordHash: "-", fullName: "Quản lý", learnerGroup: "official", role: "manager", managedUnitId: "p", searchKey: "quan ly" },
});
const cookie = (await startSession(manager.id, new Request("http://localhost/"))).split(";")[0]!;
const page = (search: string) => loader({ request: new Request(`http://localhost/manage${search}`, { headers: { Cookie: cookie } }), params: {}, context: { cspNonce: "bench" } });

for (const [label, search] of [
  ["report page, province (23 sub-units)", ""],
  ["report page, one sub-unit", "?unit=p-d3"],
  ["report page, province, one course, current units", "?course=dich-vu-cong-truc-tuyen&group=current"],
  ["people list page (50 people), province", "?view=people"],
] as const) {
  await page(search);
  const samples = await time(50, async () => {
    const response = await page(search);
    if (response.status !== 200) throw new Error(`${search}: ${response.status}`);
    await response.text();
  });
  const sorted = [...samples].sort((a, b) => a - b);
  summary(label, samples, `p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms   `);
}

console.log("");
// BENCH_PAGES_ONLY=1: the pages only, to compare changes to the query quickly.
for (const root of process.env.BENCH_PAGES_ONLY ? [] : ["e1k", "e10k", "e100k"]) {
  for (const format of ["csv", "xlsx"] as const) {
    // BENCH_EXPORT_HEAP_MB caps the export's heap: an export that still finishes under a cap
    // holds no more than that, whatever its peak when the collector is left to be lazy.
    const heap = process.env.BENCH_EXPORT_HEAP_MB ? [`--max-old-space-size=${Number(process.env.BENCH_EXPORT_HEAP_MB)}`] : [];
    const output = execFileSync(process.execPath, [...process.execArgv, ...heap, process.argv[1]!], { env: { ...process.env, BENCH_EXPORT: `${root}:${format}` }, encoding: "utf8" });
    const r = JSON.parse(output.trim().split("\n").at(-1)!) as { rows: number; seconds: number; bytes: number; growth: number };
    console.log(
      `${`people export ${format.toUpperCase()}, ${r.rows.toLocaleString("en")} rows`.padEnd(44)} ${r.seconds.toFixed(2).padStart(6)} s   ${(r.bytes / 1e6).toFixed(1).padStart(6)} MB file   peak RSS growth ${(r.growth / 1e6).toFixed(1).padStart(6)} MB`,
    );
  }
}

await db.$disconnect();
scratch.remove();
