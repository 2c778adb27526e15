/**
 * Who may see and change what, over the real site (tests/setup/site.ts).
 *
 * One learner, the owner, has a name, an email address, a phone number, a
 * unit, an enrolment, quiz attempts and mail in the outbox. Every route that
 * takes an id or shows personal data is visited by someone else of each
 * role: nobody signed in, another learner, a trainer the course does not
 * list, the manager of another unit, an admin where admins may go. Each gets
 * a refusal (403, 404, or the sign-in page), or their own page; never a
 * 5xx, never the owner's name, email or phone, and nothing is written. The
 * owner, the owner's unit manager and an admin visit too where they may, so
 * a matrix that refused everyone would fail.
 *
 * Table-driven: certificates and reports add one row each to `probes`, and
 * a route that asks for a signed-in user fails the first test until it has
 * a row.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../setup/accounts";
import { appRoutes, prepareAsStartupDoes, sessionCookie, startSite, watchWrites, type Site } from "../../setup/site";
import { issueCertificate } from "~/models/certificate.server";
import { getCourse, getQuizDefinition } from "~/models/course.server";
import { hashPassword } from "~/models/password.server";
import { enroll } from "~/models/progress.server";
import { startAttempt, submitAttempt } from "~/models/quiz.server";
import { searchKeyFor } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { projectRoot } from "~/utils/env.server";

const COURSE = "thanh-toan-truc-tuyen";
const LESSON = "thanh-toan-bang-ma-qr";
const QUIZ = "kiem-tra-thanh-toan-bang-ma-qr";

const OWNER = { fullName: "Phan Thị Bí Mật", email: "bi-mat@example.vn", phone: "+84977111222", phoneShown: "0977 111 222", password: "mat-khau-cua-chu-tai-khoan" };

/** Someone else of each role, and (last three) those who may see the owner's data. */
type Visitor = "anonymous" | "learner" | "trainer" | "otherManager" | "admin" | "owner" | "ownManager" | "listedTrainer";

/**
 * sign-in: sent to the sign-in page. forbidden, not-found: 403, 404. own:
 * their own page (2xx or 3xx) without the owner's data. sees: 200 with it.
 * A number: that status, without the owner's data.
 */
type Outcome = "sign-in" | "forbidden" | "not-found" | "own" | "sees" | number;

type World = {
  ids: Record<Visitor, string>;
  cookies: Record<Visitor, string | undefined>;
  attempts: { submitted: string; open: string };
  /** The owner's certificate's public id. */
  certificate: string;
};

type Probe = {
  /** The route id, as app/routes names it. */
  route: string;
  method: "GET" | "POST";
  path: (w: World) => string;
  body?: (w: World) => Record<string, string>;
  /** What besides the owner's name, email and phone only those allowed may see. */
  secrets?: (w: World) => string[];
  expect: Partial<Record<Visitor, Outcome>>;
  /** Tables a visit by those allowed writes on purpose, and why. */
  writes?: Partial<Record<Visitor, Record<string, string>>>;
};

const refusedToAll = { anonymous: "sign-in", learner: "forbidden", trainer: "forbidden", otherManager: "forbidden" } as const;
const ownPageForAll = { anonymous: "sign-in", learner: "own", trainer: "own", otherManager: "own", admin: "own" } as const;

const probes: Probe[] = [
  // Account data: always the visitor's own.
  { route: "routes/account._index", method: "GET", path: () => "/account", expect: { ...ownPageForAll, owner: "sees" } },
  { route: "routes/account.data[.]json", method: "GET", path: () => "/account/data.json", expect: { ...ownPageForAll, owner: "sees" } },
  { route: "routes/account.delete", method: "GET", path: () => "/account/delete", expect: ownPageForAll },
  {
    route: "routes/account.delete",
    method: "POST",
    path: () => "/account/delete",
    // The owner's password and id: the form deletes the visitor's account or nothing.
    body: (w) => ({ currentPassword: OWNER.password, userId: w.ids.owner }),
    expect: { anonymous: "sign-in", learner: 400, trainer: 400, otherManager: 400, admin: 400 },
  },
  { route: "routes/me", method: "GET", path: () => "/me", expect: { ...ownPageForAll, owner: "sees" } },

  // Quiz attempts: the lesson page shows feedback on the visitor's own attempt only, and sends only theirs.
  {
    route: "routes/courses.$course.$lesson",
    method: "GET",
    path: (w) => `/courses/${COURSE}/${LESSON}?attempt=${w.attempts.submitted}`,
    // The address carries the submitted attempt's id back to every visitor; its feedback, and the open attempt, are the owner's.
    secrets: (w) => [`"attemptId":"${w.attempts.submitted}"`, w.attempts.open],
    expect: { anonymous: "own", learner: "own", trainer: "own", otherManager: "own", admin: "own", owner: "sees" },
    writes: {
      owner: {
        LessonProgress: "opening a lesson of a course one is enrolled in is the view that progress counts",
        Enrollment: "the course's last lesson and last activity",
        LearningDay: "a lesson completed by viewing counts its estimated minutes for the day",
      },
    },
  },
  {
    route: "routes/courses.$course.$lesson",
    method: "POST",
    path: () => `/courses/${COURSE}/${LESSON}`,
    body: (w) => ({ intent: "submit", quizId: QUIZ, attemptId: w.attempts.open, confirmUnanswered: "on", userId: w.ids.owner }),
    expect: { anonymous: "sign-in", learner: "not-found", trainer: "not-found", otherManager: "not-found", admin: "not-found" },
  },

  // Progress: a post changes the visitor's own progress, whatever id it carries.
  ...(["mark", "time"] as const).map(
    (intent): Probe => ({
      route: "routes/progress",
      method: "POST",
      path: () => "/progress",
      body: (w) => ({ intent, course: COURSE, lesson: LESSON, seconds: "60", userId: w.ids.owner }),
      // Not enrolled themselves: the owner's enrolment does not count for them.
      expect: { anonymous: "sign-in", learner: 409, trainer: 409, otherManager: 409, admin: 409 },
    }),
  ),
  {
    route: "routes/progress",
    method: "POST",
    path: () => "/progress",
    body: (w) => ({ intent: "unenroll", course: COURSE, userId: w.ids.owner }),
    expect: ownPageForAll,
  },

  // Admin pages: admins see everyone; a manager sees their unit's learners and nobody else.
  // The layout of every admin page: admins and managers only (what those may see is the pages' rows below).
  { route: "routes/admin", method: "GET", path: () => "/admin/users", expect: { ...refusedToAll, otherManager: "own", owner: "forbidden" } },
  // Only a redirect to /admin/users, which then decides: it shows nobody anything.
  { route: "routes/admin._index", method: "GET", path: () => "/admin", expect: { anonymous: "own", learner: "own", trainer: "own", otherManager: "own", admin: "own" } },
  {
    route: "routes/admin.users._index",
    method: "GET",
    path: () => "/admin/users",
    expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "sees", admin: "sees" },
  },
  {
    route: "routes/admin.users._index",
    method: "GET",
    // Part of the address: what is searched for comes back in the search box, and must not be a secret.
    path: () => "/admin/users?q=bi-mat",
    expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "sees", admin: "sees" },
  },
  {
    route: "routes/admin.users.$userId",
    method: "GET",
    path: (w) => `/admin/users/${w.ids.owner}`,
    expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden", ownManager: "sees", admin: "sees" },
  },
  {
    route: "routes/admin.users.$userId",
    method: "POST",
    path: (w) => `/admin/users/${w.ids.owner}`,
    body: () => ({ intent: "reset-link" }),
    expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden" },
  },
  ...[{ intent: "role", role: "admin" } as Record<string, string>, { intent: "disable" }].map(
    (fields): Probe => ({
      route: "routes/admin.users.$userId",
      method: "POST",
      path: (w) => `/admin/users/${w.ids.owner}`,
      body: () => fields,
      // Roles and access are the admin's alone, even for the owner's own manager.
      expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden", ownManager: "forbidden" },
    }),
  ),
  { route: "routes/admin.outbox", method: "GET", path: () => "/admin/outbox", expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "sees" } },
  {
    route: "routes/admin.audit",
    method: "GET",
    path: (w) => `/admin/audit?user=${w.ids.owner}`,
    // The log holds ids; the page puts names to them, for admins only (the owner's account was created: their name is there).
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "sees" },
  },

  // Trainer pages: the courses that list the trainer; learners' results only as numbers.
  { route: "routes/trainer._index", method: "GET", path: () => "/trainer", expect: { ...refusedToAll, trainer: "own", owner: "forbidden", admin: "own", listedTrainer: "own" } },
  {
    route: "routes/trainer.$course.$quiz",
    method: "GET",
    path: () => `/trainer/${COURSE}/${QUIZ}`,
    expect: { ...refusedToAll, owner: "forbidden", admin: "own", listedTrainer: "own" },
  },

  // Certificates: the public page shows the name by design (it is not here); the rest is the holder's and the admins'.
  {
    route: "routes/me_.certificates",
    method: "GET",
    path: () => "/me/certificates",
    secrets: (w) => [w.certificate],
    expect: { ...ownPageForAll, owner: "sees" },
  },
  {
    route: "routes/me_.certificates",
    method: "POST",
    path: () => "/me/certificates",
    // The owner's certificate: only its holder decides what its page shows.
    body: (w) => ({ publicId: w.certificate, showUnit: "on", showScore: "on", userId: w.ids.owner }),
    expect: { anonymous: "sign-in", learner: "not-found", trainer: "not-found", otherManager: "not-found", ownManager: "not-found", admin: "not-found" },
  },
  ...(["pdf", "credential"] as const).map(
    (kind): Probe => ({
      route: `routes/certificates.$publicId.${kind}`,
      method: "GET",
      path: (w) => `/certificates/${w.certificate}/${kind}`,
      // The PDF's text is compressed: its status says who got it. The credential is JSON with the holder's name.
      expect:
        kind === "pdf"
          ? { anonymous: "sign-in", learner: "not-found", trainer: "not-found", otherManager: "not-found", ownManager: "not-found", owner: 200, admin: 200 }
          : { anonymous: "sign-in", learner: "not-found", trainer: "not-found", otherManager: "not-found", ownManager: "not-found", owner: "sees", admin: "sees" },
      writes: {
        owner: { Certificate: "the first download stores the file it made" },
        admin: { Certificate: "the first download stores the file it made" },
      },
    }),
  ),
  {
    route: "routes/admin.certificates._index",
    method: "GET",
    path: () => "/admin/certificates",
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "sees" },
  },
  {
    route: "routes/admin.certificates.$publicId",
    method: "GET",
    path: (w) => `/admin/certificates/${w.certificate}`,
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "sees" },
  },
  {
    route: "routes/admin.certificates.$publicId",
    method: "POST",
    path: (w) => `/admin/certificates/${w.certificate}`,
    body: () => ({ intent: "revoke", reason: "Mạo danh quản trị", confirm: "on" }),
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden" },
  },

  // The first admin's page: a link that is not the one printed at start-up makes nobody an admin.
  { route: "routes/setup", method: "GET", path: () => "/setup?token=khong-phai-ma-that", expect: { anonymous: "own", learner: "own", trainer: "own", otherManager: "own", admin: "own" } },
  {
    route: "routes/setup",
    method: "POST",
    path: () => "/setup",
    body: () => ({ token: "khong-phai-ma-that", fullName: "Kẻ Mạo Danh", identifier: "mao-danh@example.vn", password: "mat-khau-rat-dai-mao-danh", consentLearningRecords: "on" }),
    expect: { anonymous: 400, learner: 400, trainer: 400, otherManager: 400, admin: 400 },
  },

  // The unit list and its import: admins only, even for the owner's own manager; they show no person.
  ...["/admin/units?q=hue", "/admin/units/hue-so-khcn", "/admin/units/import"].map(
    (address): Probe => ({
      route: address.startsWith("/admin/units/import") ? "routes/admin.units.import" : address.startsWith("/admin/units/") ? "routes/admin.units.$unitId" : "routes/admin.units._index",
      method: "GET",
      path: () => address,
      expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "own" },
    }),
  ),
  {
    route: "routes/admin.units.$unitId",
    method: "POST",
    path: () => "/admin/units/hue-so-khcn",
    body: () => ({ intent: "target", targetHours: "40" }),
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden" },
  },
  {
    route: "routes/admin.units.import",
    method: "POST",
    path: () => "/admin/units/import",
    // An upload that was never made: even an admin confirms nothing.
    body: () => ({ intent: "apply", importId: "khongcothat", skipRejected: "on" }),
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "forbidden", admin: "not-found" },
  },

  // Required courses: managers and admins, each within their scope (tests/unit/routes/assignments.test.ts visits real ones across scopes).
  {
    route: "routes/manage.assignments._index",
    method: "GET",
    path: () => "/manage/assignments",
    expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "own", admin: "own" },
  },
  {
    route: "routes/manage.assignments._index",
    method: "POST",
    path: () => "/manage/assignments",
    // The owner's unit, forged into another province's manager's form: refused by the scope, not by the form.
    body: () => ({ courseSlug: COURSE, target: "unit", unitId: "hue-so-khcn", due: "days", dueDays: "30" }),
    expect: { ...refusedToAll, otherManager: "forbidden", owner: "forbidden" },
  },
  {
    route: "routes/manage.assignments._index",
    method: "POST",
    path: () => "/manage/assignments",
    // The owner by account id: someone outside the scope is "not found", like someone who does not exist.
    body: (w) => ({ courseSlug: COURSE, target: "people", people: w.ids.owner, due: "days", dueDays: "30" }),
    expect: { ...refusedToAll, otherManager: 400, owner: "forbidden" },
  },
  {
    route: "routes/manage.assignments.$assignmentId",
    method: "GET",
    path: () => "/manage/assignments/khong-co-viec-giao-nay",
    expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden", ownManager: "not-found", admin: "not-found" },
  },
  {
    route: "routes/manage.assignments.$assignmentId",
    method: "POST",
    path: () => "/manage/assignments/khong-co-viec-giao-nay",
    body: () => ({ confirm: "on" }),
    expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden", ownManager: "not-found", admin: "not-found" },
  },
  {
    route: "routes/admin.users.$userId",
    method: "POST",
    path: (w) => `/admin/users/${w.ids.owner}`,
    // Moving an official is the admin's alone, even for the owner's own manager.
    body: () => ({ intent: "membership", unitId: "lao-cai", position: "Chuyên viên" }),
    expect: { ...refusedToAll, otherManager: "not-found", owner: "forbidden", ownManager: "forbidden" },
  },

  // The layout of every /manage page: managers and admins, each their own scope.
  { route: "routes/manage", method: "GET", path: () => "/manage", expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "own", admin: "own" } },
  // The report and its people list name only those who share with their unit; the owner does not.
  ...["/manage?unit=hue", "/manage?unit=hue&view=people", "/manage?unit=hue-so-khcn&view=people&course=thanh-toan-truc-tuyen&group=current"].map(
    (address): Probe => ({
      route: "routes/manage._index",
      method: "GET",
      path: () => address,
      expect: { ...refusedToAll, owner: "forbidden", ownManager: "own", admin: "own" },
    }),
  ),
  {
    route: "routes/manage.people.$userId",
    method: "GET",
    path: (w) => `/manage/people/${w.ids.owner}`,
    // Their name and that they do not share: nothing of their learning.
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "sees", admin: "sees" },
  },
  {
    route: "routes/manage.training-record",
    method: "GET",
    path: () => "/manage/training-record?unit=hue-so-khcn&year=2026",
    expect: { ...refusedToAll, owner: "forbidden", ownManager: "own", admin: "own" },
  },
  ...(
    [
      ["routes/manage.report[.]csv", "/manage/report.csv?unit=hue&view=people"],
      ["routes/manage.report[.]csv", "/manage/report.csv?unit=hue-so-khcn"],
      ["routes/manage.report[.]xlsx", "/manage/report.xlsx?unit=hue&view=people"],
      ["routes/manage.training-record[.]csv", "/manage/training-record.csv?unit=hue&year=2026"],
      ["routes/manage.training-record[.]xlsx", "/manage/training-record.xlsx?unit=hue-so-khcn"],
    ] as const
  ).map(
    ([route, address]): Probe => ({
      route,
      method: "GET",
      path: () => address,
      expect: { ...refusedToAll, owner: "forbidden", ownManager: 200, admin: 200 },
    }),
  ),

  // Resident statistics: numbers, never names; a unit outside one's scope, by address or query, is refused.
  { route: "routes/manage.residents", method: "GET", path: () => "/manage/residents", expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "own", admin: "own" } },
  ...["/manage/residents?unit=hue", "/manage/residents?commune=u%3Ahue-so-khcn", "/manage/residents?unit=hue&commune=u%3Ahue"].map(
    (address): Probe => ({
      route: "routes/manage.residents",
      method: "GET",
      path: () => address,
      expect: { ...refusedToAll, owner: "forbidden", ownManager: "own", admin: "own" },
    }),
  ),
  // A team's residents: names only of residents who chose a team in scope and agreed to share; the owner is neither.
  { route: "routes/manage.team", method: "GET", path: () => "/manage/team", expect: { ...refusedToAll, otherManager: "own", owner: "forbidden", ownManager: "own", admin: "own" } },
  { route: "routes/manage.team", method: "GET", path: () => "/manage/team?unit=hue-so-khcn", expect: { ...refusedToAll, owner: "forbidden", ownManager: "own", admin: "own" } },
];

let site: Site;
let world: World;

beforeAll(async () => {
  await prepareAsStartupDoes();

  const owner = await createUser({ fullName: OWNER.fullName, phone: OWNER.phone, learnerGroup: "official", unitId: "hue-so-khcn" });
  // An email address as well as the phone; and, since everyone else made here shares TEST_PASSWORD, a password of their own.
  await db.user.update({
    where: { id: owner.id },
    data: { email: OWNER.email, searchKey: searchKeyFor(OWNER), passwordHash: await hashPassword(OWNER.password) },
  });
  await enroll({ userId: owner.id, courseSlug: COURSE });
  const first = await startAttempt({ userId: owner.id, courseSlug: COURSE, quizId: QUIZ });
  if ("error" in first) throw new Error(first.error);
  await submitAttempt({ userId: owner.id, courseSlug: COURSE, quizId: QUIZ, attemptId: first.attemptId, form: new FormData(), confirmUnanswered: true });
  const open = await startAttempt({ userId: owner.id, courseSlug: COURSE, quizId: QUIZ });
  if ("error" in open) throw new Error(open.error);
  await db.outboxMessage.create({ data: { channel: "email", to: OWNER.email, subject: "Đặt lại mật khẩu", body: "Liên kết đặt lại mật khẩu" } });
  expect(getQuizDefinition(COURSE, QUIZ)?.lessonSlug).toBe(LESSON);

  // Another learner of the same unit: sharing a unit shows nothing.
  const learner = await createUser({ learnerGroup: "official", unitId: "hue-so-khcn" });
  const trainer = await createUser({ role: "trainer", email: "giang-vien-khac@example.vn" });
  const otherManager = await createUser({ role: "manager", learnerGroup: "official", unitId: "lao-cai" });
  const ownManager = await createUser({ role: "manager", learnerGroup: "official", unitId: "hue" });
  const admin = await createUser({ role: "admin" });
  const listedTrainer = await db.user.findUniqueOrThrow({ where: { email: "giangvien@demo.hocso.vn" }, select: { id: true } });
  const ids: World["ids"] = {
    anonymous: "",
    owner: owner.id,
    learner: learner.id,
    trainer: trainer.id,
    otherManager: otherManager.id,
    ownManager: ownManager.id,
    admin: admin.id,
    listedTrainer: listedTrainer.id,
  };
  const cookies = Object.fromEntries(
    await Promise.all(Object.entries(ids).map(async ([visitor, id]) => [visitor, id ? await sessionCookie(id) : undefined] as const)),
  ) as World["cookies"];
  const certificate = await db.$transaction((tx) => issueCertificate(tx, { userId: owner.id, course: getCourse(COURSE)!, finalQuizId: null, completedAt: new Date() }));
  world = { ids, cookies, attempts: { submitted: first.attemptId, open: open.attemptId }, certificate: certificate.publicId };
  site = await startSite();
});

afterAll(() => site?.close());

test("every route that asks who is signed in has a row, and every row names a route", () => {
  const routes = appRoutes();
  const guarded = Object.values(routes)
    .filter((r) => /require(User|Role)\(/.test(fs.readFileSync(path.join(projectRoot, "app", r.file), "utf8")))
    .map((r) => r.id);
  const covered = new Set(probes.map((p) => p.route));
  expect(guarded.filter((id) => !covered.has(id))).toEqual([]);
  expect([...covered].filter((id) => !(id in routes))).toEqual([]);
});

/** "routes/progress: POST /progress (mark)", with placeholders for ids made at run time. */
function nameOf(probe: Probe) {
  const placeholders = { ids: { owner: "$owner" }, attempts: { submitted: "$attempt", open: "$attempt" }, certificate: "$certificate" } as World;
  const intent = probe.body?.(placeholders).intent;
  return `${probe.route}: ${probe.method} ${probe.path(placeholders)}${intent ? ` (${intent})` : ""}`;
}

describe.each(probes.map((p) => [nameOf(p), p] as const))(
  "%s",
  (_, probe) => {
    test("each visitor gets what their role allows, never the owner's data unless allowed, and nothing is written", async () => {
      const secrets = [OWNER.fullName, OWNER.email, OWNER.phone, OWNER.phoneShown, ...(probe.secrets?.(world) ?? [])];
      const problems: string[] = [];
      const written = await watchWrites();
      const target = probe.path(world);
      // The page, and the data request client-side navigation makes for it (resource routes have none).
      const data = probe.method === "GET" && !target.endsWith(".json");
      const requests = data ? [target, `${target}${target.includes("?") ? "&" : "?"}_data=${encodeURIComponent(probe.route)}`] : [target];

      for (const [visitor, outcome] of Object.entries(probe.expect) as [Visitor, Outcome][]) {
        for (const address of requests) {
          const body = probe.body?.(world);
          const reply = await site.send({
            path: address,
            method: probe.method,
            cookie: world.cookies[visitor],
            ...(body ? { headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(body).toString() } : {}),
          });
          const label = `${visitor} ${address.includes("_data=") ? "data request" : "page"}`;
          const { status } = reply;
          const location = String(reply.headers.location ?? reply.headers["x-remix-redirect"] ?? "");
          const redirected = (status >= 300 && status < 400) || (status === 204 && location !== "");
          const ok =
            outcome === "sign-in" ? redirected && location.startsWith("/sign-in")
            : outcome === "forbidden" ? status === 403
            : outcome === "not-found" ? status === 404
            : outcome === "own" ? (status >= 200 && status < 300) || redirected
            : outcome === "sees" ? status === 200
            : status === outcome;
          if (!ok) problems.push(`${label}: ${status}${location ? ` to ${location}` : ""}, expected ${outcome}`);
          const shown = secrets.filter((secret) => reply.body.includes(secret));
          if (outcome === "sees" && shown.length === 0) problems.push(`${label}: does not show the owner's data`);
          // The owner's name is on every page the owner opens, refusals included.
          if (outcome !== "sees" && visitor !== "owner" && shown.length > 0) problems.push(`${label}: shows ${shown.join(", ")}`);
          const tables = (await written()).filter((table) => !(table in (probe.writes?.[visitor] ?? {})));
          if (tables.length) problems.push(`${label}: wrote ${tables.join(", ")}`);
        }
      }
      expect(problems).toEqual([]);
    });
  },
);
