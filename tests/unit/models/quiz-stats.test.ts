import { beforeAll, expect, test } from "vitest";
import { createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { getQuizDefinition, loadCourses } from "~/models/course.server";
import { computeStatistics, listTrainerQuizzes, quizStatistics } from "~/models/quiz-stats.server";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

const course = "dich-vu-cong-truc-tuyen";
const quizId = "kiem-tra-tim-hieu-dich-vu-cong-truc-tuyen";

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

async function actorWith(role: "learner" | "trainer" | "admin", email?: string) {
  const { id } = await createUser({ role, email });
  return (await getUser((await signedInRequest(id)).request))!;
}

test("pass rate, distribution, share right, choice picks, discrimination and flags", () => {
  const definition = getQuizDefinition(course, quizId)!.definition;
  const [q1, q2] = definition.questions;
  const right1 = definition.keys[q1!.id]!.correctChoices[0]!;
  const wrong1 = q1!.choices.find((c) => c.id !== right1)!.id;
  const row = (userId: string, score: number, correct1: boolean, correct2: boolean) => ({
    userId,
    score,
    passed: score >= 70,
    outcome: "submitted",
    questions: "[]",
    answers: JSON.stringify({ [q1!.id]: [correct1 ? right1 : wrong1] }),
    results: JSON.stringify([
      { id: q1!.id, correct: correct1 },
      { id: q2!.id, correct: correct2 },
    ]),
  });
  // Strong learners get question 1 right and weak ones wrong; question 2 nearly everyone misses.
  const rows = [row("a", 100, true, true), row("b", 80, true, false), row("c", 40, false, false), row("d", 20, false, false), row("a", 60, true, false)];
  const stats = computeStatistics(definition, rows);
  expect(stats).toMatchObject({ attempts: 5, learners: 4, learnersPassed: 2, passRate: 0.4 });
  expect(stats.distribution.find((d) => d.from === 100)?.count).toBe(1);
  const first = stats.questions.find((q) => q.id === q1!.id)!;
  expect(first.correctShare).toBeCloseTo(0.6);
  expect(first.discrimination).toBe(1);
  expect(first.choices.find((c) => c.id === right1)).toMatchObject({ correct: true, picked: 3 });
  expect(stats.questions.find((q) => q.id === q2!.id)).toMatchObject({ correctShare: 0.2, flagged: true });
});

test("trainers see the courses that list them; admins see all; learners none", async () => {
  // The built-in courses list the demo trainer in course.yml.
  const demo = await db.user.findUniqueOrThrow({ where: { email: "giangvien@demo.hocso.vn" } });
  const listed = (await getUser((await signedInRequest(demo.id)).request))!;
  const unlisted = await actorWith("trainer", "nguoi-khac@example.vn");
  const admin = await actorWith("admin");
  const learner = await actorWith("learner");
  expect(((await listTrainerQuizzes(learner).catch((e: unknown) => e)) as Response).status).toBe(403);
  expect(await listTrainerQuizzes(unlisted)).toEqual([]);
  expect((await listTrainerQuizzes(listed)).length).toBe(9);
  expect((await listTrainerQuizzes(admin)).length).toBe(9);
  expect(((await quizStatistics({ actor: unlisted, courseSlug: course, quizId }).catch((e: unknown) => e)) as Response).status).toBe(403);
  expect((await quizStatistics({ actor: listed, courseSlug: course, quizId })).quiz.id).toBe(quizId);
});
