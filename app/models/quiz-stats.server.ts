/**
 * Quiz statistics for trainers: how learners do on each quiz and each
 * question. A trainer sees the courses whose course.yml lists their email
 * under `trainers`; an admin sees every course; nobody else sees any.
 *
 * Computed on request from the attempts of the quiz's current version
 * (earlier versions had other questions or keys); a quiz has at most a few
 * thousand attempts, which SQLite returns in milliseconds.
 */
import { getCourse, listCourses } from "~/models/course.server";
import type { QuizDefinition } from "~/models/content/quiz.server";
import type { SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

const forbidden = () => new Response("Forbidden", { status: 403 });

/** Whether this person may see the statistics of this course. */
function maySee(actor: SessionUser, courseSlug: string): boolean {
  if (actor.role === "admin") return true;
  if (actor.role !== "trainer" || !actor.email) return false;
  return getCourse(courseSlug)?.meta.trainers.includes(actor.email) ?? false;
}

/** The quizzes of the courses the actor trains, with attempt counts (one query). */
export async function listTrainerQuizzes(actor: SessionUser) {
  if (actor.role !== "admin" && actor.role !== "trainer") throw forbidden();
  const courses = listCourses().filter((c) => maySee(actor, c.slug));
  const counts = await db.quizAttempt.groupBy({
    by: ["courseSlug", "quizId"],
    where: { courseSlug: { in: courses.map((c) => c.slug) }, submittedAt: { not: null }, outcome: { not: "superseded" } },
    _count: { _all: true },
  });
  return courses.map((card) => {
    const course = getCourse(card.slug)!;
    return {
      slug: course.slug,
      title: course.meta.title,
      quizzes: course.lessons.flatMap((lesson) =>
        lesson.quizzes.map((q) => ({
          id: q.id,
          title: q.settings.title,
          final: q.settings.final,
          lessonTitle: lesson.title,
          attempts: counts.find((c) => c.courseSlug === course.slug && c.quizId === q.id)?._count._all ?? 0,
        })),
      ),
    };
  });
}

type Row = { userId: string; score: number | null; passed: boolean | null; outcome: string | null; questions: string; answers: string | null; results: string | null };

export type QuestionStats = {
  id: string;
  promptHtml: string;
  answered: number;
  correctShare: number | null;
  /** Upper 27% of attempts by score minus lower 27%, in share answering right; null with too few attempts. */
  discrimination: number | null;
  /** Most learners get it wrong: worth a look at the question or the lesson. */
  flagged: boolean;
  choices: { id: string; html: string; correct: boolean; picked: number }[];
};

export function computeStatistics(definition: QuizDefinition, rows: Row[]) {
  const graded = rows.filter((r) => r.outcome === "submitted" || r.outcome === "late");
  const attempts = rows.length;
  const learners = new Set(rows.map((r) => r.userId)).size;
  const passedLearners = new Set(rows.filter((r) => r.passed).map((r) => r.userId)).size;
  const distribution = Array.from({ length: 11 }, (_, i) => ({ from: i * 10, count: 0 }));
  for (const r of rows) distribution[Math.min(10, Math.floor((r.score ?? 0) / 10))]!.count++;

  const parsed = graded.map((r) => ({
    score: r.score ?? 0,
    results: new Map((JSON.parse(r.results ?? "[]") as { id: string; correct: boolean }[]).map((x) => [x.id, x.correct])),
    answers: JSON.parse(r.answers ?? "{}") as Record<string, string[]>,
  }));
  const ranked = [...parsed].sort((a, b) => b.score - a.score);
  const groupSize = ranked.length >= 4 ? Math.max(1, Math.round(ranked.length * 0.27)) : 0;
  const upper = ranked.slice(0, groupSize);
  const lower = groupSize ? ranked.slice(-groupSize) : [];
  const shareRight = (group: typeof parsed, id: string) => {
    const asked = group.filter((a) => a.results.has(id));
    return asked.length ? asked.filter((a) => a.results.get(id)).length / asked.length : null;
  };

  const questions: QuestionStats[] = definition.questions.map((q) => {
    const asked = parsed.filter((a) => a.results.has(q.id));
    const share = shareRight(parsed, q.id);
    const up = shareRight(upper, q.id);
    const low = shareRight(lower, q.id);
    const key = definition.keys[q.id];
    return {
      id: q.id,
      promptHtml: q.promptHtml,
      answered: asked.length,
      correctShare: share,
      discrimination: up !== null && low !== null ? up - low : null,
      flagged: share !== null && asked.length >= 3 && share < 0.5,
      choices: q.choices.map((c) => ({
        id: c.id,
        html: c.html,
        correct: key?.correctChoices.includes(c.id) ?? false,
        picked: asked.filter((a) => a.answers[q.id]?.includes(c.id)).length,
      })),
    };
  });

  return {
    attempts,
    learners,
    passRate: attempts ? rows.filter((r) => r.passed).length / attempts : null,
    learnersPassed: passedLearners,
    distribution,
    questions,
  };
}

/** Statistics of one quiz, for a trainer of its course or an admin (403 otherwise, 404 for no such quiz). */
export async function quizStatistics({ actor, courseSlug, quizId }: { actor: SessionUser; courseSlug: string; quizId: string }) {
  const course = getCourse(courseSlug);
  const lesson = course?.lessons.find((l) => l.quizzes.some((q) => q.id === quizId));
  const definition = lesson?.quizzes.find((q) => q.id === quizId);
  if (!course || !lesson || !definition) throw new Response("Not found", { status: 404 });
  if (!maySee(actor, courseSlug)) throw forbidden();
  const [rows, earlier] = await Promise.all([
    db.quizAttempt.findMany({
      where: { courseSlug, quizId, quizVersion: definition.version, submittedAt: { not: null }, outcome: { not: "superseded" } },
      select: { userId: true, score: true, passed: true, outcome: true, questions: true, answers: true, results: true },
    }),
    db.quizAttempt.count({ where: { courseSlug, quizId, quizVersion: { not: definition.version }, submittedAt: { not: null } } }),
  ]);
  return {
    course: { slug: course.slug, title: course.meta.title },
    lesson: { slug: lesson.slug, title: lesson.title },
    quiz: { id: definition.id, title: definition.settings.title, passMark: definition.settings.passMark, final: definition.settings.final },
    earlierVersionAttempts: earlier,
    ...computeStatistics(definition, rows),
  };
}
