/**
 * `npm run bench:progress`: time and queries of "mark complete" and of the
 * /me dashboard, against a scratch database with learners part-way through
 * several courses.
 */
import { machine, summary, useScratchDatabase } from "./scratch";

const scratch = useScratchDatabase();

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

console.log(`progress on ${machine()}\n`);
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
  summary(label, samples, `${queries} queries   `);
}
const samples: number[] = [];
let queries = 0;
for (const userId of learners) {
  const start = performance.now();
  const counted = await countQueries(() => dashboard({ userId }));
  samples.push(performance.now() - start);
  queries = counted.queries;
}
summary("dashboard (/me data, 4 courses)", samples, `${queries} queries   `);

await db.$disconnect();
scratch.remove();
