/**
 * `npm run bench:progress`: time and queries of "mark complete" and of the
 * /me dashboard, against a scratch database with learners part-way through
 * several courses.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateScratchDatabase } from "../../prisma/migrations";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-bench-"));
const file = path.join(dir, "bench.db");
migrateScratchDatabase(file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";

const { seed } = await import("../../prisma/seed");
const { loadCourses, listCourses, getCourse } = await import("~/models/course.server");
const { enroll, markComplete, dashboard } = await import("~/models/progress.server");
const { countQueries, db } = await import("~/utils/db.server");

await seed({ demo: false });
await loadCourses({ cacheDir: null });
const N = Number(process.argv[2] ?? 200);
const courses = listCourses().map((c) => getCourse(c.slug)!);

const learners = [];
for (let i = 0; i < N; i++) {
  const user = await db.user.create({ data: { phone: `+8438${String(i).padStart(7, "0")}`, passwordHash: "-", fullName: "Bench", learnerGroup: "resident", searchKey: "bench" } });
  // Each learner is enrolled in four courses.
  for (const course of courses.slice(0, 4)) await enroll({ userId: user.id, courseSlug: course.slug });
  learners.push(user.id);
}

function report(label: string, samples: number[], queries: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  console.log(`${label.padEnd(44)} mean ${mean.toFixed(2).padStart(6)} ms   p95 ${p95.toFixed(2).padStart(6)} ms   ${queries} queries   (n=${samples.length})`);
}

console.log(`progress on ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}\n`);
for (const [label, lessonIndex] of [["mark complete (first lesson, first time)", 0], ["mark complete (second lesson)", 1], ["mark complete (replay)", 1]] as const) {
  const samples: number[] = [];
  let queries = 0;
  for (const userId of learners) {
    const course = courses[0]!;
    const start = performance.now();
    const counted = await countQueries(() => markComplete({ userId, courseSlug: course.slug, lessonSlug: course.lessons[lessonIndex]!.slug }));
    samples.push(performance.now() - start);
    queries = counted.queries;
  }
  report(label, samples, queries);
}
const samples: number[] = [];
let queries = 0;
for (const userId of learners) {
  const start = performance.now();
  const counted = await countQueries(() => dashboard({ userId }));
  samples.push(performance.now() - start);
  queries = counted.queries;
}
report("dashboard (/me data, 4 courses)", samples, queries);

await db.$disconnect();
fs.rmSync(dir, { recursive: true, force: true });
