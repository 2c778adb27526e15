/**
 * `npm run drill:crash`: learners sign up and submit quiz attempts
 * continuously; the server is killed with SIGKILL in the middle; then every
 * submission that got a success answer must be in the database exactly once,
 * the database must pass `PRAGMA integrity_check`, and the server must start
 * again on it.
 *
 * Options: `-- --seconds 5 --learners 16 --port 3411`.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { Learner, line, scratchDir, startServer, stopServer } from "./harness";

const { values } = parseArgs({ options: { seconds: { type: "string", default: "5" }, learners: { type: "string", default: "16" }, port: { type: "string", default: "3411" } } });
const seconds = Number(values.seconds);
const port = Number(values.port);
const dir = scratchDir("crash");
const databaseFile = path.join(dir, "crash.db");

console.log(`Crash drill: ${values.learners} learners for ${seconds} s, then SIGKILL (database ${databaseFile})`);
const server = await startServer({ databaseFile, port });

const signUps = { sent: 0, acknowledged: [] as string[] };
const submissions = { sent: 0, acknowledged: [] as string[] };
let killed = false;

async function learnerLoop(n: number) {
  for (let i = 0; !killed; i++) {
    const learner = new Learner(server.url);
    const email = `dien-tap-${n}-${i}@example.vn`;
    signUps.sent++;
    const signedUp = await learner.signUp(email).catch(() => false);
    if (!signedUp) continue;
    signUps.acknowledged.push(email);
    const quiz = await learner.takeQuiz().catch(() => ({ sent: !killed, acknowledged: null }));
    if (quiz.sent) submissions.sent++;
    if (quiz.acknowledged) submissions.acknowledged.push(quiz.acknowledged);
  }
}

const loops = Array.from({ length: Number(values.learners) }, (_, n) => learnerLoop(n));
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
server.process.kill("SIGKILL");
killed = true;
await Promise.all(loops);

const db = new Database(databaseFile);
const integrity = (db.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
const findUser = db.prepare("SELECT count(*) AS n FROM User WHERE email = ?");
const findAttempt = db.prepare("SELECT count(*) AS n FROM QuizAttempt WHERE id = ? AND submittedAt IS NOT NULL");
const usersFound = signUps.acknowledged.filter((email) => (findUser.get(email) as { n: number }).n === 1).length;
const attemptsFound = submissions.acknowledged.filter((id) => (findAttempt.get(id) as { n: number }).n === 1).length;
const twice = (db.prepare("SELECT count(*) AS n FROM (SELECT email FROM User WHERE email LIKE 'dien-tap-%' GROUP BY email HAVING count(*) > 1)").get() as { n: number }).n;
db.close();

line("sign-ups sent / acknowledged / found after the crash", `${signUps.sent} / ${signUps.acknowledged.length} / ${usersFound}`);
line("quiz submissions sent / acknowledged / found", `${submissions.sent} / ${submissions.acknowledged.length} / ${attemptsFound}`);
line("recorded twice", twice);
line("PRAGMA integrity_check", integrity);

const restarted = await startServer({ databaseFile, port });
const again = new Learner(restarted.url);
const signIn = await again.request("/sign-in", { form: { identifier: signUps.acknowledged[0] ?? "", password: "mat-khau-dien-tap-2026" } });
line("restart: /healthz, then sign-in of an acknowledged learner", `200, ${signIn.status}`);
await stopServer(restarted);

const ok =
  usersFound === signUps.acknowledged.length &&
  attemptsFound === submissions.acknowledged.length &&
  twice === 0 &&
  integrity === "ok" &&
  signUps.acknowledged.length > 0 &&
  submissions.acknowledged.length > 0 &&
  signIn.status === 302;
console.log(ok ? "PASS: every acknowledged write survived the crash, once." : "FAIL");
process.exit(ok ? 0 : 1);
