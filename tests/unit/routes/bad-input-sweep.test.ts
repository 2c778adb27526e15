/**
 * Every route, sent what no page of ours sends: methods it does not use,
 * bodies that are not forms, forms with fields missing, forged or broken,
 * addresses and queries with broken or hostile values. Over a real socket,
 * through the HTTP layer, Remix, the routes and the server render
 * (tests/setup/site.ts).
 *
 * A method the site does not use is a 405. An address that names nothing,
 * a body that is not a form, a form with a field missing or broken is
 * refused (4xx) or redirected on the site (3xx). A page asked for with a
 * hostile query may still answer 200 (a search for an emoji finds nothing).
 * Never a 5xx, and nothing is written. "Nothing" is checked on every row of
 * every table listed in sqlite_master, so a new table is covered by itself.
 * A table a refused request writes on purpose is named on that route's row,
 * with the reason; there is one (Throttle, on sign-in).
 *
 * Each form variant changes one thing in the form as its page sends it, and
 * that form itself is sent last and must get its usual answer: the variants
 * were one field away from a real post, past the sign-in and role checks.
 *
 * Sessions are made fresh for this file, so Lucia's sliding refresh (it
 * rewrites expiresAt only past half the idle lifetime) never fires, and
 * Session needs no exclusion. The device-cookie key (ServerKey) is made
 * before the first request, as start-up does, for the same reason.
 *
 * The routes are read from app/routes with the compiler's own convention:
 * a new route fails the first test until it has a row here.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createUser } from "../../setup/accounts";
import { appRoutes, prepareAsStartupDoes, routesMatching, sessionCookie, startSite, watchWrites, type SendOptions, type Site } from "../../setup/site";
import { issueCertificate, revokeCertificate } from "~/models/certificate.server";
import { getCourse, getQuizDefinition } from "~/models/course.server";
import { startAttempt } from "~/models/quiz.server";
import { db } from "~/utils/db.server";

const COURSE = "thanh-toan-truc-tuyen";
const LESSON = "thanh-toan-bang-ma-qr";
const QUIZ = "kiem-tra-thanh-toan-bang-ma-qr";
/** Enrolled in by the /progress control, far from the lesson swept as a page (a view of an enrolled learner is a write). */
const OTHER_COURSE = "dung-dien-thoai-an-toan";

type Actor = "anonymous" | "learner" | "manager" | "trainer" | "admin";
type World = { ids: Record<Actor | "target", string>; cookies: Record<Actor, string | undefined>; certificate: string; revokedCertificate: string };

/** A value as the request carries it: text (percent-encoded on the way), or bytes already percent-encoded. */
type Value = string | { raw: string };

/** What no form of ours sends, for query strings and form fields. */
const hostile: Record<string, Value> = {
  "100 KB": "x".repeat(100 * 1024),
  "CR/LF": "a\r\nSet-Cookie: hocso_session=x",
  NUL: "a\u0000b",
  "invalid UTF-8": { raw: "%FF%FE" },
  Vietnamese: "Nguyễn Thị Ánh",
  emoji: "🙂👍🏽",
  "RTL marks": "\u202eabc\u200f",
  "path traversal": "../../etc/passwd",
  "encoded traversal": "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e": "%2e%2e",
  empty: "",
  "huge number": "1e309",
  negative: "-1",
};

/**
 * How a field is checked, which says which hostile values it must refuse.
 * strict: slugs, ids, enums, tokens, identifiers: anything that is not one,
 * which the encoded forms of ".." add nothing to in a form field.
 * number: what is not a number, and numbers out of range.
 * text: one line of free text (a name, a commune): Vietnamese, emoji or
 * dots are text, but not line breaks, NUL, broken UTF-8 or 100 KB.
 * password: anything a keyboard types is a password; not NUL, broken UTF-8 or 100 KB.
 * Fields not named take anything: checkboxes (any value but "on" is
 * unticked) and redirectTo (tests/unit/routes/redirects.test.ts).
 */
type Kind = "strict" | "number" | "text" | "password";
const strict = ["100 KB", "CR/LF", "NUL", "invalid UTF-8", "Vietnamese", "emoji", "RTL marks", "path traversal", "empty"];
const refusedBy: Record<Kind, string[]> = {
  strict,
  number: [...strict, "huge number", "negative"],
  text: ["100 KB", "CR/LF", "NUL", "invalid UTF-8"],
  password: ["100 KB", "NUL", "invalid UTF-8"],
};

/** What an address segment can carry, as it is sent (already percent-encoded, or raw bytes); pages get all of them. */
const segments: Record<string, string> = {
  "encoded traversal": "..%2F..%2Fetc%2Fpasswd",
  "%2e%2e": "%2e%2e",
  "invalid UTF-8": "%FF%FE",
  "CR/LF": "a%0D%0Ab",
  NUL: "a%00b",
  Vietnamese: encodeURIComponent("khóa-học-ữ"),
  "raw UTF-8 bytes": Buffer.from("bài-ữ", "utf8").toString("latin1"),
  emoji: encodeURIComponent("🙂"),
  "RTL marks": encodeURIComponent("\u202eabc\u200f"),
  "8 KB": "a".repeat(8 * 1024),
  "100 KB": "a".repeat(100 * 1024),
  "does not exist": "khong-co-that",
};

/** Those a form's action gets: the others never reach it (100 KB, "%2e%2e") or decode like one of these. */
const segmentsForForms = ["encoded traversal", "invalid UTF-8", "CR/LF", "NUL", "Vietnamese", "RTL marks", "8 KB", "does not exist"];

type Form = {
  name: string;
  by: Actor;
  /** The form as its page posts it; the variants change one thing each. */
  base: (world: World) => Record<string, string> | Promise<Record<string, string>>;
  kinds: Record<string, Kind>;
  /** What the base itself gets, sent after the variants: proof they were one field away from a real post. */
  control: number | "refused";
};

type Sweep = {
  /** Good values for the address's parameters (":userId", "*"). */
  params?: (world: World) => Record<string, string>;
  /** The query parameters the route reads. */
  query?: string[];
  /** Who sweeps the address and query: those who get past the route's sign-in and role checks. */
  as: Actor[];
  forms?: Form[];
  /** Tables a refused request writes on purpose, and why. */
  writes?: Record<string, string>;
};

/** One row per route file. Certificates and reports add theirs here. */
const sweeps: Record<string, Sweep> = {
  "routes/$": { params: () => ({ "*": "khong-co-trang-nay" }), as: ["anonymous"] },
  "routes/_index": { as: ["anonymous"] },
  "routes/account._index": {
    query: ["saved"],
    as: ["learner"],
    forms: [
      {
        name: "profile",
        by: "learner",
        base: () => ({ intent: "profile", fullName: "Trần Thị Quét", learnerGroup: "resident", provinceCode: "46", commune: "Phường Thuận Hóa", unitId: "", position: "", teamId: "" }),
        kinds: { intent: "strict", fullName: "text", learnerGroup: "strict", provinceCode: "strict", commune: "text", unitId: "text", position: "text", teamId: "text" },
        control: 303,
      },
      { name: "consents", by: "learner", base: () => ({ intent: "consents" }), kinds: { intent: "strict" }, control: 303 },
      {
        name: "password",
        by: "learner",
        base: () => ({ intent: "password", currentPassword: "khong-phai-mat-khau", password: "mat-khau-moi-rat-dai" }),
        kinds: { intent: "strict", currentPassword: "password", password: "password" },
        control: 400,
      },
    ],
  },
  "routes/account.data[.]json": { as: ["learner"] },
  "routes/account.delete": {
    as: ["learner"],
    forms: [{ name: "delete", by: "learner", base: () => ({ currentPassword: "khong-phai-mat-khau" }), kinds: { currentPassword: "password" }, control: 400 }],
  },
  "routes/account.deleted": { as: ["anonymous"] },
  // The layout of every /admin page; its own address is /admin.
  "routes/admin": { as: ["manager"] },
  "routes/admin._index": { as: ["admin"] },
  "routes/admin.audit": { query: ["page", "user", "action", "q"], as: ["admin"] },
  "routes/admin.certificates._index": { query: ["q", "page"], as: ["admin"] },
  "routes/admin.certificates.$publicId": {
    // A revoked certificate: every form, sent whole, reaches the model and is refused (409), so no variant can change it.
    params: (w) => ({ publicId: w.revokedCertificate }),
    query: ["done"],
    as: ["admin"],
    forms: [
      {
        name: "revoke",
        by: "admin",
        base: () => ({ intent: "revoke", reason: "Cấp nhầm người", confirm: "on" }),
        kinds: { intent: "strict", reason: "text", confirm: "strict" },
        control: 409,
      },
      // A revoked certificate is not reissued: it must not come back valid.
      { name: "reissue", by: "admin", base: () => ({ intent: "reissue", confirm: "on" }), kinds: { intent: "strict", confirm: "strict" }, control: 409 },
    ],
  },
  "routes/admin.outbox": { query: ["page"], as: ["admin"] },
  "routes/admin.users._index": { query: ["q", "page"], as: ["admin", "manager"] },
  "routes/admin.users.$userId": {
    params: (w) => ({ userId: w.ids.target }),
    as: ["admin", "manager"],
    forms: [
      { name: "reset-link", by: "manager", base: () => ({ intent: "reset-link" }), kinds: { intent: "strict" }, control: 200 },
      {
        name: "role",
        by: "admin",
        base: () => ({ intent: "role", role: "trainer", managedUnitId: "" }),
        kinds: { intent: "strict", role: "strict", managedUnitId: "text" },
        control: 303,
      },
      {
        name: "membership",
        by: "admin",
        base: () => ({ intent: "membership", unitId: "hue-so-noi-vu", position: "Chuyên viên" }),
        kinds: { intent: "strict", unitId: "strict", position: "text" },
        control: 303,
      },
      { name: "disable", by: "admin", base: () => ({ intent: "disable" }), kinds: { intent: "strict" }, control: 303 },
    ],
  },
  "routes/admin.units._index": { query: ["q", "province", "kind", "page"], as: ["admin"] },
  "routes/admin.units.$unitId": {
    params: () => ({ unitId: "hue-so-noi-vu" }),
    query: ["saved"],
    as: ["admin"],
    forms: [
      { name: "target", by: "admin", base: () => ({ intent: "target", targetHours: "40" }), kinds: { intent: "strict", targetHours: "number" }, control: 303 },
      { name: "inherit", by: "admin", base: () => ({ intent: "inherit" }), kinds: { intent: "strict" }, control: 303 },
    ],
  },
  "routes/admin.units.import": {
    query: ["id", "applied"],
    as: ["admin"],
    forms: [
      // A real upload is multipart with a file, which this sweep does not send: a form without a file is refused.
      { name: "upload", by: "admin", base: () => ({ intent: "upload" }), kinds: { intent: "strict" }, control: 400 },
      {
        name: "apply",
        by: "admin",
        // An upload already applied: confirming it again changes nothing (409).
        base: async () => {
          const applied =
            (await db.unitImport.findFirst({ where: { fileName: "quet.csv" }, select: { id: true } })) ??
            (await db.unitImport.create({ data: { fileName: "quet.csv", content: "id,name,kind\n", report: "{}", appliedAt: new Date() }, select: { id: true } }));
          return { intent: "apply", importId: applied.id, skipRejected: "on" };
        },
        kinds: { intent: "strict", importId: "strict" },
        control: 409,
      },
    ],
  },

  // The list comes before the details: its people form leaves an assignment in the world for the details' address.
  "routes/manage.assignments._index": {
    query: ["created", "withdrawn"],
    as: ["manager", "admin"],
    forms: [
      {
        name: "to a unit, due in days",
        by: "manager",
        base: () => ({ courseSlug: COURSE, target: "unit", unitId: "hue-so-khcn", positions: "", learnerGroup: "", people: "", due: "days", dueDate: "", dueDays: "30" }),
        kinds: { courseSlug: "strict", target: "strict", unitId: "strict", positions: "text", learnerGroup: "text", due: "strict", dueDays: "number" },
        control: 303,
      },
      {
        name: "to named people, due on a date",
        by: "manager",
        base: async (w) => {
          const target = await db.user.findUniqueOrThrow({ where: { id: w.ids.target }, select: { email: true } });
          const stash = w as World & { assignmentId?: string };
          if (!stash.assignmentId) {
            const { createAssignment } = await import("~/models/assignment.server");
            const made = await createAssignment({ actor: { id: w.ids.admin, role: "admin", managedUnitId: null }, courseSlug: OTHER_COURSE, target: { unitId: "hue-so-khcn" }, due: { days: 30 } });
            if (made.ok) stash.assignmentId = made.id;
          }
          const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
          return { courseSlug: COURSE, target: "people", unitId: "", positions: "", learnerGroup: "", people: target.email ?? "", due: "date", dueDate: nextYear, dueDays: "" };
        },
        kinds: { target: "strict", due: "strict", dueDate: "strict" },
        control: 303,
      },
    ],
  },
  "routes/manage.assignments.$assignmentId": {
    params: (w) => ({ assignmentId: (w as World & { assignmentId?: string }).assignmentId ?? "chua-co" }),
    query: ["page"],
    as: ["manager", "admin"],
    // Sent whole, the form withdraws the assignment: last, after every variant was refused.
    forms: [{ name: "withdraw", by: "manager", base: () => ({ confirm: "on" }), kinds: { confirm: "strict" }, control: 303 }],
  },

  // The layout of every /manage page; its own address is /manage.
  "routes/manage": { as: ["manager"] },
  "routes/manage._index": { query: ["unit", "course", "from", "to", "position", "group", "view", "page"], as: ["manager", "admin"] },
  "routes/manage.people.$userId": { params: (w) => ({ userId: w.ids.target }), as: ["manager", "admin"] },
  "routes/manage.training-record": { query: ["unit", "year", "page"], as: ["manager", "admin"] },
  "routes/manage.report[.]csv": { query: ["unit", "course", "from", "to", "position", "group", "view"], as: ["manager"] },
  "routes/manage.report[.]xlsx": { query: ["unit", "course", "from", "to", "position", "group", "view"], as: ["manager"] },
  "routes/manage.training-record[.]csv": { query: ["unit", "year"], as: ["manager"] },
  "routes/manage.training-record[.]xlsx": { query: ["unit", "year"], as: ["admin"] },

  "routes/manage.residents": { query: ["from", "to", "course", "unit", "commune"], as: ["admin", "manager"] },
  "routes/manage.team": { query: ["unit", "page"], as: ["admin", "manager"] },

  "routes/certificates.$publicId._index": {
    params: (w) => ({ publicId: w.certificate }),
    as: ["anonymous", "learner"],
    writes: {
      // A lookup that finds nothing is counted against the address, so codes cannot be guessed at speed.
      Throttle: "a certificate lookup that finds nothing is counted",
    },
  },
  // Downloads: the holder's or an admin's; the first one stores the file it made.
  "routes/certificates.$publicId.pdf": { params: (w) => ({ publicId: w.certificate }), as: ["learner", "admin"], writes: { Certificate: "the first download stores the PDF it made" } },
  "routes/certificates.$publicId.credential": {
    params: (w) => ({ publicId: w.certificate }),
    as: ["learner", "admin"],
    writes: { Certificate: "the first download stores the credential it signed" },
  },
  "routes/courses._index": { query: ["q", "audience", "area", "level"], as: ["anonymous"] },
  "routes/courses.$course._index": { params: () => ({ course: COURSE }), as: ["anonymous", "learner"] },
  "routes/courses.$course.$lesson": {
    params: () => ({ course: COURSE, lesson: LESSON }),
    query: ["attempt"],
    as: ["anonymous", "learner"],
    forms: [
      { name: "start", by: "learner", base: () => ({ intent: "start", quizId: QUIZ }), kinds: { intent: "strict", quizId: "strict" }, control: 303 },
      {
        name: "submit",
        by: "learner",
        // An open attempt for each variant: one that wrongly went through must not hide the next.
        base: async (w) => {
          const started = await startAttempt({ userId: w.ids.learner, courseSlug: COURSE, quizId: QUIZ });
          if ("error" in started) throw new Error(`could not start the quiz: ${started.error}`);
          const question = getQuizDefinition(COURSE, QUIZ)!.definition.questions.find((q) => q.id === "kiem-tra-ten")!;
          return { intent: "submit", quizId: QUIZ, attemptId: started.attemptId, confirmUnanswered: "on", "q.kiem-tra-ten": question.choices[0]!.id };
        },
        kinds: { intent: "strict", quizId: "strict", attemptId: "strict", "q.kiem-tra-ten": "strict" },
        control: 303,
      },
    ],
  },
  "routes/forgot-password": {
    as: ["anonymous"],
    forms: [{ name: "forgot", by: "anonymous", base: () => ({ identifier: "khong-ai-ca@example.vn" }), kinds: { identifier: "strict" }, control: 200 }],
  },
  "routes/healthz": { as: ["anonymous"] },
  "routes/language": {
    as: ["anonymous"],
    forms: [{ name: "language", by: "anonymous", base: () => ({ lang: "en", redirectTo: "/courses" }), kinds: { lang: "strict" }, control: 303 }],
  },
  "routes/issuer": { as: ["anonymous"] },
  "routes/me": { as: ["learner"] },
  "routes/me_.certificates": {
    query: ["saved"],
    as: ["learner"],
    forms: [
      // Another learner's certificate: not theirs to change.
      { name: "visibility", by: "learner", base: (w) => ({ publicId: w.certificate, showUnit: "on" }), kinds: { publicId: "strict" }, control: 404 },
    ],
  },
  "routes/media.$course.$file": { params: () => ({ course: COURSE, file: "so-do.svg" }), as: ["anonymous"] },
  "routes/progress": {
    as: ["learner"],
    forms: [
      { name: "mark", by: "learner", base: () => ({ intent: "mark", course: COURSE, lesson: LESSON }), kinds: { intent: "strict", course: "strict", lesson: "strict" }, control: 409 },
      {
        name: "time",
        by: "learner",
        base: () => ({ intent: "time", course: COURSE, lesson: LESSON, seconds: "30" }),
        kinds: { intent: "strict", course: "strict", lesson: "strict", seconds: "number" },
        control: 409,
      },
      { name: "unenroll", by: "learner", base: () => ({ intent: "unenroll", course: OTHER_COURSE }), kinds: { intent: "strict", course: "strict" }, control: 303 },
      { name: "enroll", by: "learner", base: () => ({ intent: "enroll", course: OTHER_COURSE }), kinds: { intent: "strict", course: "strict" }, control: 303 },
    ],
  },
  "routes/reset-password": {
    query: ["token"],
    as: ["anonymous"],
    forms: [
      {
        name: "reset",
        by: "anonymous",
        base: () => ({ token: "khong-phai-ma-that", password: "mat-khau-moi-rat-dai" }),
        kinds: { token: "strict", password: "password" },
        control: 400,
      },
    ],
  },
  "routes/setup": {
    query: ["token"],
    as: ["anonymous"],
    forms: [
      {
        name: "setup",
        by: "anonymous",
        base: () => ({
          token: "khong-phai-ma-that",
          fullName: "Lê Quản Trị",
          identifier: "quantri-moi@example.vn",
          password: "mat-khau-rat-dai-cho-quan-tri",
          consentLearningRecords: "on",
        }),
        kinds: { token: "strict", fullName: "text", identifier: "strict", password: "password", consentLearningRecords: "strict" },
        control: 400,
      },
    ],
  },
  "routes/sign-in": {
    query: ["redirectTo", "reset"],
    as: ["anonymous", "learner"],
    forms: [
      {
        name: "sign-in",
        by: "anonymous",
        base: () => ({ identifier: "khong-ai-ca@example.vn", password: "khong-phai-mat-khau", redirectTo: "/courses" }),
        kinds: { identifier: "strict", password: "password" },
        // 400, then 429 once the identifier has used its free attempts.
        control: "refused",
      },
    ],
    writes: {
      // A password no account can have (NUL, broken UTF-8) is a wrong password like any
      // other: counted against the identifier typed and the address, as every refused sign-in is.
      Throttle: "a refused sign-in is counted",
    },
  },
  "routes/sign-out": {
    as: ["anonymous"],
    // Any form signs this browser out: there is nothing to break, only bodies that are not forms.
    forms: [{ name: "sign-out", by: "anonymous", base: () => ({ everywhere: "on" }), kinds: {}, control: 303 }],
  },
  "routes/sign-up": {
    as: ["anonymous"],
    forms: [
      {
        name: "sign-up",
        by: "anonymous",
        base: () => ({
          identifier: "nguoi-moi-quet@example.vn",
          password: "mat-khau-rat-dai-de-nho",
          fullName: "Đặng Văn Quét",
          learnerGroup: "resident",
          provinceCode: "46",
          commune: "Phường Thuận Hóa",
          unitId: "",
          position: "",
          teamId: "",
          consentLearningRecords: "on",
          redirectTo: "/courses",
        }),
        kinds: {
          identifier: "strict",
          password: "password",
          fullName: "text",
          learnerGroup: "strict",
          provinceCode: "strict",
          commune: "text",
          unitId: "text",
          position: "text",
          teamId: "text",
          consentLearningRecords: "strict",
        },
        control: 302,
      },
    ],
  },
  "routes/sitemap[.]xml": { as: ["anonymous"] },
  "routes/trainer._index": { as: ["trainer"] },
  "routes/verify": {
    query: ["code"],
    as: ["anonymous"],
    writes: {
      // A lookup that finds nothing is counted against the address, so codes cannot be guessed at speed.
      Throttle: "a certificate lookup that finds nothing is counted",
    },
  },
  "routes/trainer.$course.$quiz": { params: () => ({ course: COURSE, quiz: QUIZ }), as: ["trainer"] },
};

/** Fields that name other people's rows and powers, but those the form itself has. */
const forged = (w: World, form: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries({
      userId: w.ids.target,
      id: w.ids.target,
      role: "admin",
      managedUnitId: "hue",
      ["__proto__"]: "x",
      "constructor[prototype][role]": "admin",
    }).filter(([name]) => !(name in form)),
  );

const encode = (value: Value) => (typeof value === "string" ? encodeURIComponent(value) : value.raw);
const formBody = (fields: Record<string, Value>) =>
  Object.entries(fields)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encode(value)}`)
    .join("&");

const routes = appRoutes();

/** "/admin/users/:userId" for a route id, from its own path and its parents'. */
function addressOf(id: string): string {
  const parts: string[] = [];
  for (let route = routes[id]; route; route = route.parentId ? routes[route.parentId] : undefined) {
    if (route.path) parts.unshift(route.path);
  }
  return `/${parts.join("/")}`;
}

/** The address with each parameter replaced by its value as sent (already encoded). */
const fill = (template: string, sent: Record<string, string>) => template.replace(/:(\w+)|\*/g, (match, name?: string) => sent[name ?? "*"] ?? match);

let site: Site;
let world: World;

beforeAll(async () => {
  await prepareAsStartupDoes();
  const learner = await createUser({ email: "hoc-vien-quet@example.vn" });
  const manager = await createUser({ role: "manager", unitId: "hue", learnerGroup: "official" });
  const admin = await createUser({ role: "admin" });
  const target = await createUser({ learnerGroup: "official", unitId: "hue-so-khcn" });
  const trainer = await db.user.findUniqueOrThrow({ where: { email: "giangvien@demo.hocso.vn" }, select: { id: true } });
  const ids = { anonymous: "", learner: learner.id, manager: manager.id, admin: admin.id, trainer: trainer.id, target: target.id };
  const cookies: World["cookies"] = { anonymous: undefined, learner: undefined, manager: undefined, admin: undefined, trainer: undefined };
  for (const actor of ["learner", "manager", "admin", "trainer"] as const) cookies[actor] = await sessionCookie(ids[actor]);
  // The target's certificate, as completing a course would issue it.
  const course = getCourse(COURSE)!;
  const certificate = await db.$transaction((tx) => issueCertificate(tx, { userId: target.id, course, finalQuizId: null, completedAt: new Date() }));
  const revoked = await db.$transaction((tx) => issueCertificate(tx, { userId: target.id, course, finalQuizId: null, completedAt: new Date() }));
  await revokeCertificate({ actorId: admin.id, publicId: revoked.publicId, reason: "Cấp nhầm" });
  world = { ids, cookies, certificate: certificate.publicId, revokedCertificate: revoked.publicId };
  site = await startSite();
});

afterAll(() => site?.close());

test("every route in app/routes has a row here, with forms exactly when it has an action and the parameters its address names", async () => {
  expect(Object.keys(sweeps).sort()).toEqual(Object.keys(routes).sort());
  for (const [id, route] of Object.entries(routes)) {
    const module = (await import(`../../../app/${route.file}`)) as Record<string, unknown>;
    const sweep = sweeps[id]!;
    expect(Boolean(sweep.forms), `${id}: forms for its action`).toBe("action" in module);
    const named = [...addressOf(id).matchAll(/:(\w+)|\*/g)].map((m) => m[1] ?? "*");
    expect(Object.keys(sweep.params?.(world) ?? {}).sort(), `${id}: parameters`).toEqual(named.sort());
  }
});

describe.each(Object.entries(sweeps))("%s", (id, sweep) => {
  test("is refused or redirected, never a 5xx, and writes nothing", { timeout: 60_000 }, async () => {
    const template = addressOf(id);
    const allowed = new Set(Object.keys(sweep.writes ?? {}));
    const problems: string[] = [];
    const written = await watchWrites();

    /** Sends one request; notes a 5xx, an unexpected status, a redirect off the site, and any write. */
    async function probe(label: string, options: SendOptions, expected: "any" | "refused" | number) {
      const reply = await site.send(options);
      const tables = (await written()).filter((table) => !allowed.has(table));
      const { status } = reply;
      if (status >= 500) problems.push(`${label}: ${status}`);
      else if (expected === "refused" && (status < 300 || status >= 500)) problems.push(`${label}: ${status}, expected a 3xx or 4xx`);
      else if (typeof expected === "number" && status !== expected) problems.push(`${label}: ${status}, expected ${expected}`);
      const location = reply.headers.location;
      if (location !== undefined && !/^\/(?![/\\])[\x21-\x7e]*$/.test(location)) problems.push(`${label}: redirects to ${location}`);
      if (tables.length) problems.push(`${label}: wrote ${tables.join(", ")}`);
      return reply;
    }
    const good = Object.fromEntries(Object.entries(sweep.params?.(world) ?? {}).map(([name, value]) => [name, encodeURIComponent(value)]));
    const address = fill(template, good);

    for (const actor of sweep.as) {
      const cookie = world.cookies[actor];
      const get = (label: string, path: string, expected: "any" | "refused" | number) => probe(`${actor} GET ${label}`, { path, cookie }, expected);
      await get(address, address, "any");
      // Every parameter the route reads, all at once: each is read on its own.
      const query = sweep.query ?? [];
      for (const [name, value] of query.length ? Object.entries(hostile) : []) {
        await get(`?${query.join(",")}=${name}`, `${address}?${formBody(Object.fromEntries(query.map((q) => [q, value])))}`, "any");
      }
      // The data requests client navigation makes, naming another route or none.
      for (const other of [id === "routes/admin.audit" ? "routes/admin.outbox" : "routes/admin.audit", "../../etc/passwd"]) await get(`?_data=${other}`, `${address}?_data=${encodeURIComponent(other)}`, "refused");
      for (const param of Object.keys(good)) {
        for (const [name, value] of Object.entries(segments)) {
          const target = fill(template, { ...good, [param]: value });
          // "%2e%2e" is "..": the browser's reading of the address may be another page, which may answer 200.
          await get(`${param}=${name}`, target, routesMatching(target).includes(id) ? "refused" : "any");
        }
      }
    }

    // Cookies no browser of ours holds: a broken language, a session and a device cookie that are not ours, a huge one.
    const cookie = `lang=%FF%FE; hocso_session=..%2F..%2Fetc%2Fpasswd; hocso_device=${encodeURIComponent("e30.khong-ky")}; big=${"x".repeat(8 * 1024)}`;
    await probe(`GET ${address} with broken cookies`, { path: address, cookie }, "any");

    const someone = world.cookies[sweep.as[0]!];
    for (const method of ["PUT", "DELETE", "PATCH"]) await probe(`${method} ${address}`, { path: address, method, cookie: someone }, 405);
    if (!sweep.forms) {
      await probe(`POST ${address} (no action)`, { path: address, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "a=1", cookie: someone }, 405);
    }

    for (const [index, form] of (sweep.forms ?? []).entries()) {
      const cookie = world.cookies[form.by];
      const post = async (label: string, body: string, contentType: string | null = "application/x-www-form-urlencoded", path = address) => {
        const headers: Record<string, string> = contentType ? { "Content-Type": contentType } : {};
        return probe(`${form.by} POST ${form.name}: ${label}`, { path, method: "POST", headers, body, cookie }, "refused");
      };
      const fresh = async () => {
        const base = await form.base(world);
        // What making the base wrote (an open attempt) is not the request's.
        await written();
        return base;
      };

      let base = await fresh();
      // A body that is not a form, and a broken intent, are refused before any one form is read: once per route.
      const first = index === 0;
      if (first) {
        await post("JSON", JSON.stringify(base), "application/json");
        await post("text/plain", formBody(base), "text/plain");
        await post("multipart without boundary", formBody(base), "multipart/form-data");
        await post("broken multipart", "--x\r\nbroken", "multipart/form-data; boundary=x");
        await post("no content type", formBody(base), null);
      }

      const required = Object.keys(form.kinds).filter((name) => name !== "intent");
      if (required.length > 0) {
        const intent: Record<string, string> = base.intent === undefined ? {} : { intent: base.intent };
        await post("empty form", "");
        await post("fields missing", formBody(intent));
        await post("fields missing, forged ones added", formBody({ ...intent, ...forged(world, base) }));
        if (form.control === "refused" || form.control >= 400) await post("forged fields added", formBody({ ...base, ...forged(world, base) }));
      }
      for (const [field, kind] of Object.entries(form.kinds)) {
        if (field === "intent" && !first) continue;
        for (const name of refusedBy[kind]) {
          base = await fresh();
          await post(`${field}=${name}`, formBody({ ...base, [field]: hostile[name]! }));
        }
      }
      for (const param of Object.keys(good)) {
        for (const name of segmentsForForms) {
          base = await fresh();
          const target = fill(template, { ...good, [param]: segments[name]! });
          if (routesMatching(target).includes(id)) await post(`${param}=${name}`, formBody(base), undefined, target);
        }
      }
    }

    // The bases themselves, last: some are accepted and write.
    for (const form of sweep.forms ?? []) {
      const reply = await site.send({ path: address, method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: formBody(await form.base(world)), cookie: world.cookies[form.by] });
      if (form.control === "refused" ? reply.status < 400 || reply.status >= 500 : reply.status !== form.control) {
        problems.push(`${form.by} POST ${form.name} as its page sends it: ${reply.status}, expected ${form.control}`);
      }
    }

    expect(problems).toEqual([]);
  });
});
