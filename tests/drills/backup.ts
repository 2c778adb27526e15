/**
 * `npm run drill:backup`: learners sign up and take quizzes while a backup
 * is taken; the backup must be consistent and contain everything
 * acknowledged before it started, the learners must not see errors, and a
 * server started on the restored file must serve them.
 *
 * Options: `-- --learners 8 --prefill 20000 --port 3413` (prefill: learners with
 * progress rows added before the run, so the backup has a realistic size).
 */
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { backupDatabase, restoreDatabase } from "~/utils/backup.server";
import { Learner, line, scratchDir, startServer, stopServer } from "./harness";

const { values } = parseArgs({
  options: { learners: { type: "string", default: "8" }, prefill: { type: "string", default: "20000" }, port: { type: "string", default: "3413" } },
});
const port = Number(values.port);
const dir = scratchDir("backup");
const databaseFile = path.join(dir, "live.db");
const server = await startServer({ databaseFile, port });

{
  const prefill = new Database(databaseFile);
  const user = prefill.prepare(
    "INSERT INTO User (id, phone, passwordHash, fullName, learnerGroup, searchKey, createdAt, passwordChangedAt) VALUES (?, ?, '-', 'Học Viên Có Sẵn', 'resident', 'hoc vien co san', ?, ?)",
  );
  const progress = prefill.prepare(
    "INSERT INTO LessonProgress (userId, courseSlug, lessonSlug, viewedAt, activeSeconds) VALUES (?, 'dich-vu-cong-truc-tuyen', ?, ?, 600)",
  );
  const now = new Date().toISOString().replace("Z", "+00:00");
  prefill.transaction(() => {
    for (let i = 0; i < Number(values.prefill); i++) {
      user.run(`prefill-${i}`, `+8490${String(i).padStart(7, "0")}`, now, now);
      for (const lesson of ["tim-hieu-dich-vu-cong-truc-tuyen", "tao-tai-khoan-dich-vu-cong", "nop-va-theo-doi-ho-so"]) progress.run(`prefill-${i}`, lesson, now);
    }
  })();
  prefill.close();
}

const acknowledged: Array<{ email: string; at: number }> = [];
const failures = new Map<number, number>();
let stop = false;
async function learnerLoop(n: number) {
  for (let i = 0; !stop; i++) {
    const learner = new Learner(server.url);
    const email = `sao-luu-${n}-${i}@example.vn`;
    if (await learner.signUp(email)) acknowledged.push({ email, at: performance.now() });
    else failures.set(0, (failures.get(0) ?? 0) + 1);
    const quiz = await learner.takeQuiz();
    if (quiz.sent && !quiz.acknowledged) failures.set(1, (failures.get(1) ?? 0) + 1);
  }
}
const loops = Array.from({ length: Number(values.learners) }, (_, n) => learnerLoop(n));

// Let some data accumulate, then back up in the middle of the traffic.
await new Promise((resolve) => setTimeout(resolve, 4000));
const startedAt = performance.now();
const backup = backupDatabase({ from: databaseFile, to: path.join(dir, "backups", "drill.db") });
const before = acknowledged.filter((a) => a.at < startedAt).map((a) => a.email);
await new Promise((resolve) => setTimeout(resolve, 1000));
stop = true;
await Promise.all(loops);
await stopServer(server);

const copy = new Database(backup.file, { readonly: true });
const has = copy.prepare("SELECT count(*) AS n FROM User WHERE email = ?");
const inBackup = before.filter((email) => (has.get(email) as { n: number }).n === 1).length;
copy.close();

line("backup while serving: time, size", `${backup.milliseconds} ms, ${(backup.bytes / 1024 / 1024).toFixed(2)} MiB`);
line("acknowledged before the backup / in the backup", `${before.length} / ${inBackup}`);
line("acknowledged in all / refused during the run", `${acknowledged.length} / ${[...failures.values()].reduce((a, b) => a + b, 0)}`);

const restoredFile = path.join(dir, "restored.db");
restoreDatabase({ from: backup.file, to: restoredFile });
const restored = await startServer({ databaseFile: restoredFile, port });
const learner = new Learner(restored.url);
const signIn = await learner.request("/sign-in", { form: { identifier: before[0] ?? "", password: "mat-khau-dien-tap-2026" } });
line("server on the restored backup: sign-in of a learner from before", signIn.status);
await stopServer(restored);

const ok = before.length > 0 && inBackup === before.length && failures.size === 0 && signIn.status === 302;
console.log(ok ? "PASS: a consistent backup under load, restored and served." : "FAIL");
process.exit(ok ? 0 : 1);
