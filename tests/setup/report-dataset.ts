/**
 * A province's worth of required training, written with raw SQL for speed
 * (one better-sqlite3 transaction beside the app's own connections): a unit
 * tree under one province, officials spread over it, five required courses
 * each, and a mix of every state the report tells apart: not started,
 * started, completed (with and without a final score), overdue, ended
 * before or after completing, withdrawn assignments, valid, revoked,
 * replaced and expired certificates, learning days in two years, people who
 * do not share with their unit, and merged units whose people moved on.
 *
 * Deterministic: the same options give the same rows. Call
 * forgetReferenceData() afterwards, since units were added behind the cache.
 */
import Database from "better-sqlite3";
import { getCourse, listCourses } from "~/models/course.server";
import { finalQuiz } from "~/models/progress.server";

export type DatasetOptions = {
  /** The province's id; every other id starts with it, so two datasets can share a database. */
  root: string;
  officials: number;
  units: number;
  /** Required courses per official. */
  courses?: number;
  /** The report's "now": due dates fall on both sides of it. */
  now: Date;
};

export type Dataset = {
  root: string;
  unitIds: string[];
  /** Units that ended, each with the successor it merged into. */
  merged: { id: string; successorId: string }[];
  courseSlugs: string[];
  positions: string[];
};

const iso = (d: Date) => d.toISOString().replace("Z", "+00:00");
const DAY = 86_400_000;

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const familyNames = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"];
const middleNames = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Đức", "Thu"];
const givenNames = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hương", "Khánh", "Lan", "Long", "Mai", "Nam", "Phúc", "Quân", "Thảo", "Trang", "Tú", "Vy", "Yến"];
export const datasetPositions = ["Chuyên viên", "Lãnh đạo phòng", "Văn thư", "=Kế toán"];

export function buildReportDataset(options: DatasetOptions): Dataset {
  const { root, officials, now } = options;
  const coursesPer = options.courses ?? 5;
  const file = (process.env.DATABASE_URL ?? "").replace(/^file:/, "");
  const sqlite = new Database(file);
  sqlite.pragma("busy_timeout = 10000");
  const rand = random(officials * 31 + options.units);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

  const courses = listCourses()
    .map((c) => getCourse(c.slug)!)
    // Courses with a final quiz first, so scores are exercised.
    .sort((a, b) => Number(Boolean(finalQuiz(b))) - Number(Boolean(finalQuiz(a))))
    .slice(0, coursesPer);
  if (courses.length < coursesPer) throw new Error(`the dataset needs ${coursesPer} courses, the content has ${courses.length}`);

  // The tree: the province, ~√n departments and communes under it, the rest under those.
  const units: { id: string; path: string; parentId: string | null; kind: string; validTo: string | null; successorId: string | null; targetHours: number | null }[] = [];
  units.push({ id: root, path: `/${root}/`, parentId: null, kind: "province", validTo: null, successorId: null, targetHours: 40 });
  const middle = Math.max(1, Math.round(Math.sqrt(options.units - 1)));
  for (let i = 0; i < middle && units.length < options.units; i++) {
    const id = `${root}-d${i}`;
    units.push({ id, path: `/${root}/${id}/`, parentId: root, kind: i % 2 ? "commune" : "agency", validTo: null, successorId: null, targetHours: i % 3 === 0 ? 60 : null });
  }
  for (let i = 0; units.length < options.units; i++) {
    const parent = units[1 + (i % middle)]!;
    const id = `${parent.id}-x${i}`;
    units.push({ id, path: `${parent.path}${id}/`, parentId: parent.id, kind: "commune", validTo: null, successorId: null, targetHours: null });
  }
  // One leaf in twenty merged into its next sibling (same parent), as communes were in 2025.
  const merged: Dataset["merged"] = [];
  const leaves = units.filter((u) => u.path.split("/").filter(Boolean).length === 3);
  for (let i = 0; i + 1 < leaves.length; i += 20) {
    const from = leaves[i]!;
    const to = leaves.slice(i + 1).find((u) => u.parentId === from.parentId && !u.successorId);
    if (!to) continue;
    from.validTo = iso(new Date(Date.UTC(2025, 5, 30)));
    from.successorId = to.id;
    merged.push({ id: from.id, successorId: to.id });
  }

  const insertUnit = sqlite.prepare(
    `INSERT INTO Unit (id, name, kind, path, parentId, searchKey, validTo, successorId, targetHours) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUser = sqlite.prepare(
    `INSERT INTO User (id, passwordHash, fullName, learnerGroup, role, unitId, position, searchKey) VALUES (?, '-', ?, 'official', 'learner', ?, ?, ?)`,
  );
  const insertMembership = sqlite.prepare(`INSERT INTO UnitMembership (id, userId, unitId, position, startedAt, endedAt) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertConsent = sqlite.prepare(`INSERT INTO Consent (userId, purpose, granted, updatedAt) VALUES (?, ?, ?, ?)`);
  const insertAssignment = sqlite.prepare(`INSERT INTO Assignment (id, courseSlug, unitId, dueDate, dueDays, createdAt, withdrawnAt) VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const insertLearner = sqlite.prepare(
    `INSERT INTO LearnerAssignment (assignmentId, userId, courseSlug, unitId, position, assignedAt, dueAt, endedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertEnrollment = sqlite.prepare(
    `INSERT INTO Enrollment (id, userId, courseSlug, courseVersion, lessonsAtStart, source, enrolledAt, completedAt) VALUES (?, ?, ?, 1, '[]', 'assignment', ?, ?)`,
  );
  const insertProgress = sqlite.prepare(`INSERT INTO LessonProgress (userId, courseSlug, lessonSlug, viewedAt, completedAt, activeSeconds) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertAttempt = sqlite.prepare(
    `INSERT INTO QuizAttempt (id, userId, courseSlug, lessonSlug, quizId, quizVersion, questions, startedAt, submittedAt, outcome, score, passed) VALUES (?, ?, ?, ?, ?, 'v1', '[]', ?, ?, 'submitted', ?, ?)`,
  );
  const insertCertificate = sqlite.prepare(
    `INSERT INTO Certificate (id, publicId, shortCode, serial, userId, courseSlug, snapshot, issuedAt, expiresAt, revokedAt, replacedById, replacedAt) VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, ?, ?, ?)`,
  );
  const insertDay = sqlite.prepare(`INSERT INTO LearningDay (userId, day, seconds) VALUES (?, ?, ?)`);

  const write = sqlite.transaction(() => {
    for (const u of units) insertUnit.run(u.id, `Đơn vị ${u.id}`, u.kind, u.path, u.parentId, u.id, u.validTo, null, u.targetHours);
    // Successors come later in the tree: linked once every unit exists.
    const link = sqlite.prepare(`UPDATE Unit SET successorId = ? WHERE id = ?`);
    for (const m of merged) link.run(m.successorId, m.id);
    const created = iso(new Date(Date.UTC(2025, 0, 15)));
    // One assignment per course for the whole province, one withdrawn, one for named people.
    const assignments = courses.map((c, i) => {
      const id = `${root}-a${i}`;
      insertAssignment.run(id, c.slug, root, null, 90, created, null);
      return id;
    });
    const withdrawn = `${root}-a-withdrawn`;
    insertAssignment.run(withdrawn, courses[0]!.slug, root, null, 30, created, iso(new Date(Date.UTC(2026, 2, 1))));
    const named = `${root}-a-named`;
    insertAssignment.run(named, courses[1]!.slug, null, iso(new Date(Date.UTC(2026, 11, 31))), null, created, null);

    let serial = 0;
    const successor = new Map(merged.map((m) => [m.id, m.successorId]));
    for (let n = 0; n < officials; n++) {
      const userId = `${root}-u${n}`;
      const atTime = units[n % units.length]!;
      const current = successor.get(atTime.id) ?? atTime.id;
      const position = pick(datasetPositions);
      const name = `${pick(familyNames)} ${pick(middleNames)} ${pick(givenNames)} ${n}`;
      insertUser.run(userId, name, current, position, name.toLowerCase());
      if (current !== atTime.id) insertMembership.run(`${userId}-m0`, userId, atTime.id, position, created, iso(new Date(Date.UTC(2025, 5, 30))));
      insertMembership.run(`${userId}-m1`, userId, current, position, created, null);
      const share = rand();
      // 80% share, 10% said no, 10% never answered.
      if (share < 0.9) insertConsent.run(userId, "share-with-unit", share < 0.8 ? 1 : 0, created);
      insertConsent.run(userId, "learning-records", 1, created);

      for (const [i, course] of courses.entries()) {
        const assignedAt = new Date(Date.UTC(2025, 0, 15) + Math.floor(rand() * 500) * DAY);
        const dueAt = new Date(assignedAt.getTime() + 90 * DAY);
        const state = rand();
        // 35% completed, 25% started, 40% not started.
        const completed = state < 0.35;
        const started = state < 0.6;
        const completedAt = completed ? new Date(Math.min(now.getTime() - DAY, assignedAt.getTime() + Math.floor(rand() * 120) * DAY)) : null;
        // Ended: moved away or withdrawn before completing (never ended after completing).
        const ended = !completed && rand() < 0.05 ? iso(new Date(assignedAt.getTime() + 10 * DAY)) : null;
        insertLearner.run(assignments[i]!, userId, course.slug, atTime.id, position, iso(assignedAt), iso(dueAt), ended);
        // A course completed before it was required, rarely: the assignment ended, yet it counts.
        insertEnrollment.run(`${userId}-e${i}`, userId, course.slug, iso(assignedAt), completedAt ? iso(completedAt) : null);
        if (started) {
          const lessons = course.lessons.slice(0, completed ? course.lessons.length : 1 + Math.floor(rand() * Math.max(1, course.lessons.length - 1)));
          for (const lesson of lessons) {
            insertProgress.run(userId, course.slug, lesson.slug, iso(assignedAt), completed ? iso(completedAt!) : null, 60 + Math.floor(rand() * 1800));
          }
        }
        const final = finalQuiz(course);
        if (completed && final && rand() < 0.9) {
          const attempts = 1 + Math.floor(rand() * 2);
          for (let a = 0; a < attempts; a++) {
            const score = 50 + Math.floor(rand() * 51);
            insertAttempt.run(`${userId}-q${i}-${a}`, userId, course.slug, final.lessonSlug, final.id, iso(completedAt!), iso(completedAt!), score, score >= 70 ? 1 : 0);
          }
          // A lesson quiz, which must not count as the final score.
          insertAttempt.run(`${userId}-l${i}`, userId, course.slug, course.lessons[0]!.slug, "not-the-final-quiz", iso(completedAt!), iso(completedAt!), 100, 1);
        }
        if (completed && rand() < 0.9) {
          const kind = rand();
          const id = `${userId}-c${i}`;
          const issued = iso(completedAt!);
          serial++;
          const code = `${root}-${serial}`;
          if (kind < 0.05) {
            // Revoked.
            insertCertificate.run(id, `p-${code}`, `s-${code}`, `HS-${code}`, userId, course.slug, issued, null, iso(now), null, null);
          } else if (kind < 0.1) {
            // Expired.
            insertCertificate.run(id, `p-${code}`, `s-${code}`, `HS-${code}`, userId, course.slug, issued, iso(new Date(now.getTime() - DAY)), null, null, null);
          } else if (kind < 0.15) {
            // Replaced by a reissue: the old one does not count, the new one does (once).
            serial++;
            const next = `${root}-${serial}`;
            insertCertificate.run(`${id}r`, `p-${next}`, `s-${next}`, `HS-${next}`, userId, course.slug, issued, null, null, null, null);
            insertCertificate.run(id, `p-${code}`, `s-${code}`, `HS-${code}`, userId, course.slug, issued, null, null, `${id}r`, issued);
          } else {
            insertCertificate.run(id, `p-${code}`, `s-${code}`, `HS-${code}`, userId, course.slug, issued, rand() < 0.5 ? iso(new Date(now.getTime() + 365 * DAY)) : null, null, null, null);
          }
        }
      }
      // Withdrawn: never counted. Named: counted at the whole country only (no unit).
      if (n % 10 === 0) insertLearner.run(withdrawn, userId, courses[0]!.slug, atTime.id, position, created, iso(new Date(Date.UTC(2025, 1, 14))), null);
      if (n % 25 === 0) insertLearner.run(named, userId, courses[1]!.slug, null, position, created, iso(new Date(Date.UTC(2026, 11, 31))), null);

      // Learning days: some in 2025, more in 2026.
      const days = Math.floor(rand() * 12);
      for (let d = 0; d < days; d++) {
        const year = d % 3 === 0 ? 2025 : 2026;
        insertDay.run(userId, `${year}-${String(1 + (d % 12)).padStart(2, "0")}-${String(1 + d).padStart(2, "0")}`, Math.floor(rand() * 4 * 3600));
      }
    }
  });
  write();
  sqlite.close();
  return { root, unitIds: units.map((u) => u.id), merged, courseSlugs: courses.map((c) => c.slug), positions: datasetPositions };
}
