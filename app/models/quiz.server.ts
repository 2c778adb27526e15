/**
 * Taking quizzes: starting an attempt, grading it, and what a learner may see
 * of it afterwards. Every function takes the learner's id and puts it in the
 * query, so nobody reads or submits another learner's attempt.
 *
 * Grading happens only here, against the key extracted at compile time
 * (models/content/quiz.server.ts); browsers receive prompts and choices only.
 */
import crypto from "node:crypto";
import { getQuizDefinition } from "~/models/course.server";
import { recordQuizPassed } from "~/models/progress.server";
import type { PublicQuestion, QuestionKey, QuizDefinition, QuizSettings } from "~/models/content/quiz.server";
import { db } from "~/utils/db.server";
import { questionOfField, unansweredQuestions } from "~/utils/quiz";
import { escapeHtml, foldVietnamese } from "~/utils/text";

/** Network slack after a time limit: an answer sent at 14:59:59 on a slow connection may arrive at 15:00:20. */
export const LATE_GRACE_MS = 30_000;
export const TEXT_ANSWER_MAX = 200;

type Drawn = { id: string; choices: string[] };
export type Answers = Record<string, string[]>;
type Result = { id: string; correct: boolean };

const parse = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** The questions of one attempt: drawn from the pool, in the order and with the choice order the settings ask for. */
export function drawQuestions(definition: QuizDefinition): Drawn[] {
  const { shuffle, draw } = definition.settings;
  let questions = definition.questions;
  if (draw && draw < questions.length) {
    // A random subset, shown in the written order unless questions are shuffled too.
    const picked = new Set(shuffled(questions.map((q) => q.id)).slice(0, draw));
    questions = questions.filter((q) => picked.has(q.id));
  }
  if (shuffle === "questions" || shuffle === "both") questions = shuffled(questions);
  return questions.map((q) => {
    const ids = q.choices.map((c) => c.id);
    // True/false keeps its order: "Sai, Đúng" would only confuse.
    const mix = (shuffle === "choices" || shuffle === "both") && q.type !== "true-false";
    return { id: q.id, choices: mix ? shuffled(ids) : ids };
  });
}

function normaliseText(text: string, ignoreDiacritics: boolean) {
  const base = text.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("vi");
  return ignoreDiacritics ? foldVietnamese(base) : base;
}

export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/\s/g, "");
  // Vietnamese writes 1.234,5; accept a comma as the decimal mark when there is no dot after it.
  const normalised = /^-?\d+(\.\d{3})*,\d+$/.test(cleaned) ? cleaned.replace(/\./g, "").replace(",", ".") : cleaned.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}

/** Whether one answer is right. */
export function isCorrect(key: QuestionKey, answer: string[]): boolean {
  switch (key.type) {
    case "single":
    case "true-false":
      return answer.length === 1 && answer[0] === key.correctChoices[0];
    case "multiple":
      return answer.length === key.correctChoices.length && key.correctChoices.every((c) => answer.includes(c));
    case "text": {
      const given = normaliseText(answer[0] ?? "", key.ignoreDiacritics);
      return given !== "" && key.acceptedAnswers.some((a) => normaliseText(a, key.ignoreDiacritics) === given);
    }
    case "number": {
      const value = parseNumber(answer[0] ?? "");
      return value !== null && key.number !== undefined && Math.abs(value - key.number.value) <= key.number.tolerance + 1e-9;
    }
  }
}

export type QuizError =
  | { error: "notFound" }
  | { error: "noAttemptsLeft" }
  | { error: "wait"; until: Date }
  | { error: "closed" }
  | { error: "badAnswer" }
  | { error: "changed" }
  /** Held back, nothing recorded: the learner has not confirmed leaving these questions blank. */
  | { error: "unanswered"; questionIds: string[]; answers: Answers };

async function attemptsOf(userId: string, courseSlug: string, quizId: string, queries: Pick<typeof db, "quizAttempt"> = db) {
  return queries.quizAttempt.findMany({
    where: { userId, courseSlug, quizId },
    orderBy: { startedAt: "asc" },
  });
}

/** Attempts that count towards the limit: everything but those ended by a change of the quiz. */
const counts = (a: { outcome: string | null }) => a.outcome !== "superseded";

/** When the learner may start another attempt: now, later (a wait), or never (no attempts left). */
function availability(settings: QuizSettings, attempts: { submittedAt: Date | null; outcome: string | null; passed: boolean | null }[], now: Date) {
  const used = attempts.filter((a) => a.submittedAt && counts(a)).length;
  if (settings.maxAttempts !== undefined && used >= settings.maxAttempts) return { kind: "none" as const, used };
  const last = [...attempts].reverse().find((a) => a.submittedAt && counts(a));
  const until = last?.submittedAt ? new Date(last.submittedAt.getTime() + settings.waitMinutes * 60_000) : null;
  if (until && until > now) return { kind: "wait" as const, until, used };
  return { kind: "now" as const, used };
}

/**
 * Starts an attempt, or returns the one already open (a second tap of
 * "start" must not burn an attempt). The check and the insert share a
 * transaction: two starts arriving at once must not both find nothing open
 * and open two, which would be a way round the limit and the wait.
 */
export async function startAttempt({ userId, courseSlug, quizId, now = new Date() }: { userId: string; courseSlug: string; quizId: string; now?: Date }) {
  const found = getQuizDefinition(courseSlug, quizId);
  if (!found) return { error: "notFound" } as const;
  const { definition, lessonSlug } = found;
  return db.$transaction(async (tx) => {
    const attempts = await attemptsOf(userId, courseSlug, quizId, tx);
    const open = attempts.find((a) => !a.submittedAt && a.quizVersion === definition.version);
    if (open) return { attemptId: open.id, lessonSlug };
    const when = availability(definition.settings, attempts, now);
    if (when.kind === "none") return { error: "noAttemptsLeft" } as const;
    if (when.kind === "wait") return { error: "wait", until: when.until } as const;
    const limit = definition.settings.timeLimitMinutes;
    const attempt = await tx.quizAttempt.create({
      data: {
        userId,
        courseSlug,
        lessonSlug,
        quizId,
        quizVersion: definition.version,
        questions: JSON.stringify(drawQuestions(definition)),
        startedAt: now,
        deadlineAt: limit ? new Date(now.getTime() + limit * 60_000) : null,
      },
      select: { id: true },
    });
    return { attemptId: attempt.id, lessonSlug };
  });
}

/**
 * Reads the answers of an attempt from a form: fields named "q.<question id>".
 * Anything that is not an answer to a drawn question, in that question's
 * form, makes the whole submission invalid.
 */
export function readAnswers(definition: QuizDefinition, drawn: Drawn[], form: FormData): Answers | null {
  const answers: Answers = {};
  const drawnIds = new Map(drawn.map((d) => [d.id, d]));
  for (const [name, value] of form) {
    const id = questionOfField(name);
    if (id === null) continue;
    const question = definition.questions.find((q) => q.id === id);
    const shown = drawnIds.get(id);
    if (!question || !shown || typeof value !== "string") return null;
    if (question.type === "text" || question.type === "number") {
      if (value.length > TEXT_ANSWER_MAX || answers[id]) return null;
      answers[id] = [value];
    } else {
      if (!shown.choices.includes(value)) return null;
      if (question.type !== "multiple" && answers[id]) return null;
      const chosen = (answers[id] ??= []);
      if (!chosen.includes(value)) chosen.push(value);
    }
  }
  return answers;
}

export function grade(definition: QuizDefinition, drawn: Drawn[], answers: Answers) {
  const results: Result[] = drawn.map((d) => {
    const key = definition.keys[d.id];
    return { id: d.id, correct: key ? isCorrect(key, answers[d.id] ?? []) : false };
  });
  const right = results.filter((r) => r.correct).length;
  const score = results.length ? Math.round((100 * right) / results.length) : 0;
  return { results, score, passed: score >= definition.settings.passMark };
}

export type SubmitResult =
  | { attemptId: string; lessonSlug: string; outcome: string; alreadySubmitted: boolean }
  | QuizError;

/**
 * Grades and records an attempt, exactly once: the attempt id is the
 * idempotency key, and the write only succeeds while the attempt is open.
 * A second submission (a double tap, a retry on a flaky network, a second
 * tab) changes nothing and says so.
 *
 * Questions left unanswered hold the submission back until the learner
 * confirms: a blank final quiz would otherwise use an attempt and start the
 * wait. Past the time limit nothing is held back.
 */
export async function submitAttempt({
  userId,
  courseSlug,
  quizId,
  attemptId,
  form,
  confirmUnanswered = false,
  now = new Date(),
}: {
  userId: string;
  courseSlug: string;
  /** The quiz the form belongs to: an attempt at another quiz is not found. */
  quizId: string;
  attemptId: string;
  form: FormData;
  confirmUnanswered?: boolean;
  now?: Date;
}): Promise<SubmitResult> {
  const attempt = await db.quizAttempt.findFirst({ where: { id: attemptId, userId, courseSlug, quizId } });
  if (!attempt) return { error: "notFound" };
  if (attempt.submittedAt) return { attemptId, lessonSlug: attempt.lessonSlug, outcome: attempt.outcome ?? "submitted", alreadySubmitted: true };
  const found = getQuizDefinition(courseSlug, attempt.quizId);
  const drawn = parse<Drawn[]>(attempt.questions, []);

  let data: { outcome: string; answers?: string; results?: string; score?: number; passed?: boolean };
  if (!found || found.definition.version !== attempt.quizVersion) {
    // The trainer changed the quiz while this attempt was open: its key no longer fits.
    data = { outcome: "superseded" };
  } else {
    const answers = readAnswers(found.definition, drawn, form);
    if (!answers) return { error: "badAnswer" };
    // Asking again after the time limit would only make the attempt later: grade what there is.
    const overdue = attempt.deadlineAt !== null && now.getTime() > attempt.deadlineAt.getTime();
    const unanswered = unansweredQuestions(drawn.map((d) => d.id), (id) => answers[id] ?? []);
    if (unanswered.length > 0 && !confirmUnanswered && !overdue) return { error: "unanswered", questionIds: unanswered, answers };
    const late = attempt.deadlineAt !== null && now.getTime() > attempt.deadlineAt.getTime() + LATE_GRACE_MS;
    if (late && found.definition.settings.late === "refuse") {
      data = { outcome: "refused", answers: JSON.stringify(answers), score: 0, passed: false };
    } else {
      const graded = grade(found.definition, drawn, answers);
      data = { outcome: late ? "late" : "submitted", answers: JSON.stringify(answers), results: JSON.stringify(graded.results), score: graded.score, passed: graded.passed };
    }
  }
  const recorded = await db.quizAttempt.updateMany({ where: { id: attemptId, userId, submittedAt: null }, data: { ...data, submittedAt: now } });
  if (recorded.count === 0) {
    const winner = await db.quizAttempt.findFirstOrThrow({ where: { id: attemptId, userId }, select: { outcome: true } });
    return { attemptId, lessonSlug: attempt.lessonSlug, outcome: winner.outcome ?? "submitted", alreadySubmitted: true };
  }
  if (data.outcome === "superseded") return { error: "changed" };
  // A pass counts towards the lesson and the course for an enrolled learner (nothing happens otherwise).
  if (data.passed && found) {
    await recordQuizPassed({ userId, courseSlug, lessonSlug: attempt.lessonSlug, final: found.definition.settings.final, now });
  }
  return { attemptId, lessonSlug: attempt.lessonSlug, outcome: data.outcome, alreadySubmitted: false };
}

export type QuestionFeedback = {
  id: string;
  promptHtml: string;
  correct: boolean;
  /** Only when the review policy allows: the right answers (one or several) and why. */
  answers?: string[];
  explanation?: string | null;
};

export type AttemptSummary = { id: string; startedAt: Date; submittedAt: Date | null; outcome: string | null; score: number | null; passed: boolean | null };

export type QuizView = {
  id: string;
  title?: string;
  settings: Pick<QuizSettings, "passMark" | "maxAttempts" | "waitMinutes" | "timeLimitMinutes" | "review" | "final" | "late">;
  questionCount: number;
  signedIn: boolean;
  history: AttemptSummary[];
  availability: { kind: "now" } | { kind: "wait"; until: Date } | { kind: "none" };
  open: { id: string; deadlineAt: Date | null; questions: PublicQuestion[] } | null;
  feedback: {
    attemptId: string;
    score: number;
    passed: boolean;
    outcome: string;
    /** "full": answers and explanations; "wrong-only": which questions were wrong; "score": nothing more. */
    detail: "full" | "wrong-only" | "score";
    questions: QuestionFeedback[];
  } | null;
};

/** The right answers as HTML: the right choices, or the first accepted text, or the number. */
function rightAnswers(definition: QuizDefinition, id: string): string[] {
  const key = definition.keys[id];
  const question = definition.questions.find((q) => q.id === id);
  if (!key || !question) return [];
  if (key.type === "text") return [escapeHtml(key.acceptedAnswers[0] ?? "")];
  if (key.type === "number") return [escapeHtml(String(key.number?.value ?? ""))];
  return question.choices.filter((c) => key.correctChoices.includes(c.id)).map((c) => c.html);
}

/**
 * Everything the lesson page shows of one quiz for one learner (or for a
 * reader who is not signed in): rules, history, the open attempt's
 * questions, and feedback on a finished attempt as the review policy allows.
 */
export async function quizView({
  definition,
  courseSlug,
  userId,
  feedbackFor,
  now = new Date(),
}: {
  definition: QuizDefinition;
  courseSlug: string;
  userId: string | null;
  feedbackFor?: string | null;
  now?: Date;
}): Promise<QuizView> {
  const { passMark, maxAttempts, waitMinutes, timeLimitMinutes, review, final, late, title } = definition.settings;
  const base = {
    id: definition.id,
    title,
    settings: { passMark, maxAttempts, waitMinutes, timeLimitMinutes, review, final, late },
    questionCount: definition.settings.draw ?? definition.questions.length,
  };
  if (!userId) return { ...base, signedIn: false, history: [], availability: { kind: "now" }, open: null, feedback: null };

  const attempts = await attemptsOf(userId, courseSlug, definition.id);
  const when = availability(definition.settings, attempts, now);
  const openRow = attempts.find((a) => !a.submittedAt && a.quizVersion === definition.version);
  const open = openRow
    ? {
        id: openRow.id,
        deadlineAt: openRow.deadlineAt,
        questions: parse<Drawn[]>(openRow.questions, []).flatMap((d) => {
          const question = definition.questions.find((q) => q.id === d.id);
          if (!question) return [];
          const choices = d.choices.map((id) => question.choices.find((c) => c.id === id)).filter((c) => c !== undefined);
          return [{ ...question, choices }];
        }),
      }
    : null;

  const finished = attempts.filter((a) => a.submittedAt && a.outcome !== "superseded");
  const target = feedbackFor ? finished.find((a) => a.id === feedbackFor) : undefined;
  let feedback: QuizView["feedback"] = null;
  if (target && target.quizVersion === definition.version) {
    const everPassed = finished.some((a) => a.passed);
    const detail = review === "after-each" || (review === "after-pass" && everPassed) ? "full" : review === "after-pass" ? "wrong-only" : "score";
    const results = parse<Result[]>(target.results, []);
    feedback = {
      attemptId: target.id,
      score: target.score ?? 0,
      passed: target.passed ?? false,
      outcome: target.outcome ?? "submitted",
      detail,
      questions:
        detail === "score"
          ? []
          : results.map((r) => {
              const question = definition.questions.find((q) => q.id === r.id);
              const full = detail === "full";
              return {
                id: r.id,
                promptHtml: question?.promptHtml ?? "",
                correct: r.correct,
                ...(full ? { answers: rightAnswers(definition, r.id), explanation: definition.keys[r.id]?.explanationHtml ?? null } : {}),
              };
            }),
    };
  }

  return {
    ...base,
    signedIn: true,
    history: finished.map((a) => ({ id: a.id, startedAt: a.startedAt, submittedAt: a.submittedAt, outcome: a.outcome, score: a.score, passed: a.passed })),
    availability: when.kind === "wait" ? { kind: "wait", until: when.until } : { kind: when.kind },
    open,
    feedback,
  };
}
