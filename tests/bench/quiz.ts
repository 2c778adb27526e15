/**
 * `npm run bench:quiz`: how many quiz submissions this machine grades and
 * records per second, and the queries each one costs.
 *
 * Learners are simulated in-process against a scratch database (no HTTP),
 * so this measures the model and SQLite, which is where a submission
 * spends its time. Runs N submissions sequentially, then the same number
 * with 8 in flight at once.
 */
import { machine, useScratchDatabase } from "./scratch";

const scratch = useScratchDatabase();

const { seed } = await import("../../prisma/seed");
const { loadCourses, getQuizDefinition } = await import("~/models/course.server");
const { startAttempt, submitAttempt } = await import("~/models/quiz.server");
const { countQueries, db } = await import("~/utils/db.server");

await seed({ demo: false });
await loadCourses({ cacheDir: null });

const courseSlug = "dich-vu-cong-truc-tuyen";
const quizId = "kiem-tra-cuoi-khoa";
const definition = getQuizDefinition(courseSlug, quizId)!.definition;
const N = Number(process.argv[2] ?? 400);

// One learner per attempt (the final quiz allows 3 attempts with a wait), with a started attempt each.
const users = await Promise.all(
  Array.from({ length: 2 * N }, (_, i) =>
    db.user.create({ data: { phone: `+8439${String(i).padStart(7, "0")}`, passwordHash: "-", fullName: "Bench", learnerGroup: "resident", searchKey: "bench" }, select: { id: true } }),
  ),
);
async function prepared(userId: string) {
  const started = await startAttempt({ userId, courseSlug, quizId });
  if ("error" in started) throw new Error(started.error);
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: started.attemptId } });
  const form = new FormData();
  for (const q of JSON.parse(attempt.questions) as { id: string; choices: string[] }[]) {
    const key = definition.keys[q.id]!;
    if (key.type === "text") form.append(`q.${q.id}`, key.acceptedAnswers[0]!);
    else if (key.type === "number") form.append(`q.${q.id}`, String(key.number!.value));
    else form.append(`q.${q.id}`, q.choices[0]!);
  }
  return { userId, attemptId: started.attemptId, form };
}
type Job = Awaited<ReturnType<typeof prepared>>;
const jobs: Job[] = [];
for (const u of users) jobs.push(await prepared(u.id));

const submit = (job: Job) => submitAttempt({ userId: job.userId, courseSlug, quizId, attemptId: job.attemptId, form: job.form });

const { queries } = await countQueries(() => submit(jobs[0]!));
console.log(`quiz submissions on ${machine()}, ${definition.settings.draw} questions drawn\n`);
console.log(`SQL statements per submission: ${queries} (reading the attempt, then its conditional update)`);

let start = performance.now();
for (const job of jobs.slice(1, N)) await submit(job);
let seconds = (performance.now() - start) / 1000;
console.log(`sequential: ${N - 1} submissions in ${seconds.toFixed(2)} s = ${Math.round((N - 1) / seconds)} per second`);

const rest = jobs.slice(N);
start = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < rest.length) await submit(rest[next++]!);
  }),
);
seconds = (performance.now() - start) / 1000;
console.log(`8 in flight: ${rest.length} submissions in ${seconds.toFixed(2)} s = ${Math.round(rest.length / seconds)} per second`);
const recorded = await db.quizAttempt.count({ where: { submittedAt: { not: null } } });
console.log(`recorded: ${recorded} of ${jobs.length}`);

await db.$disconnect();
scratch.remove();
