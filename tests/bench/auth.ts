/**
 * `npm run bench:auth`: what authentication costs on this machine.
 *
 * - one argon2id password hash and one verification (OWASP parameters);
 * - one session validation (a fresh request, no per-request memo);
 * - the database queries a signed-in page load spends on auth;
 * - sign-in time for an unknown account against a known one with a wrong
 *   password, which must be alike so timing reveals no accounts.
 *
 * Runs against a scratch database in a temporary folder; touches nothing else.
 */
import { machine, summary, time, useScratchDatabase } from "./scratch";

const scratch = useScratchDatabase();

const { seed } = await import("../../prisma/seed");
const { hashPassword, verifyPassword } = await import("~/models/password.server");
const { authenticate } = await import("~/models/user.server");
const { getSession, startSession } = await import("~/utils/auth.server");
const { countQueries, db } = await import("~/utils/db.server");
const { runInRequestScope } = await import("~/utils/request-scope.server");
const { loadCourses } = await import("~/models/course.server");
const { loader: lessonLoader } = await import("~/routes/courses.$course.$lesson");

await seed({ demo: true });
await loadCourses({ cacheDir: null });

console.log(`auth costs on ${machine()}\n`);

const stored = await hashPassword("mot-cau-rat-dai-de-nho");
summary("argon2id hash (m=19456 KiB, t=2, p=1)", await time(20, () => hashPassword("mot-cau-rat-dai-de-nho")));
summary("argon2id verify", await time(20, () => verifyPassword(stored, "mot-cau-rat-dai-de-nho")));

const demo = await db.user.findFirstOrThrow({ where: { email: "canbo@demo.hocso.vn" } });
const setCookie = await startSession(demo.id, new Request("http://localhost/"));
const cookie = setCookie.split(";")[0] ?? "";
const signedIn = (url: string) => new Request(url, { headers: { Cookie: cookie } });
summary("session validation (cookie → user)", await time(500, () => getSession(signedIn("http://localhost/"))));

const lessonUrl = "http://localhost/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr";
const params = { course: "thanh-toan-truc-tuyen", lesson: "thanh-toan-bang-ma-qr" };
const pageLoad = () =>
  runInRequestScope("127.0.0.1", () =>
    countQueries(async () => {
      const request = signedIn(lessonUrl);
      const context = { cspNonce: "" };
      // What the root loader does for the header (root.tsx imports CSS, which Node cannot), beside the page's loader.
      await Promise.all([getSession(request), lessonLoader({ request, params, context }), getSession(request)]);
    }),
  );
const { queries } = await pageLoad();
const { queries: authQueries } = await runInRequestScope("127.0.0.1", () =>
  countQueries(async () => {
    const request = signedIn(lessonUrl);
    await Promise.all([getSession(request), getSession(request)]);
  }),
);
console.log(`${"queries on auth for a signed-in page".padEnd(52)} ${authQueries} (session + user; shared by every loader of the request)`);
console.log(`${"queries for a signed-in lesson page, in all".padEnd(52)} ${queries} (auth, then the learner's progress and quiz attempts)`);
summary("signed-in lesson page: auth + lesson loader", await time(200, pageLoad));

// Alternate the two so that both see the same machine state; stay under the throttle by spreading over accounts.
const unknown: number[] = [];
const wrong: number[] = [];
// Warm up: the first unknown sign-in of a process also makes the dummy hash.
await authenticate({ identifier: { kind: "email", email: "warm-up@example.vn" }, password: "wrong-password" });
for (let i = 0; i < 20; i++) {
  const knownId = { kind: "email" as const, email: "canbo@demo.hocso.vn" };
  await db.throttle.deleteMany();
  unknown.push(...(await time(1, () => authenticate({ identifier: { kind: "email", email: `nobody-${i}@example.vn` }, password: "wrong-password" }))));
  wrong.push(...(await time(1, () => authenticate({ identifier: knownId, password: "wrong-password" }))));
}
const a = summary("sign-in, unknown account", unknown);
const b = summary("sign-in, known account with a wrong password", wrong);
console.log(`${"difference of means".padEnd(52)} ${Math.abs(a - b).toFixed(1)} ms`);

await db.$disconnect();
scratch.remove();
