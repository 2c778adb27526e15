import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { loadCourses, getQuizDefinition } from "~/models/course.server";
import type { QuestionKey, QuizDefinition } from "~/models/content/quiz.server";
import { drawQuestions, isCorrect, parseNumber, quizView, startAttempt, submitAttempt } from "~/models/quiz.server";
import { countQueries, db } from "~/utils/db.server";

const course = "dich-vu-cong-truc-tuyen";
const lessonQuiz = "kiem-tra-tim-hieu-dich-vu-cong-truc-tuyen";
const finalQuiz = "kiem-tra-cuoi-khoa";

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
});

const definitionOf = (quizId: string) => getQuizDefinition(course, quizId)!.definition;

/** A form answering every drawn question of an attempt, rightly or wrongly. */
async function answerForm(attemptId: string, quiz: QuizDefinition, right: boolean) {
  const attempt = await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } });
  const form = new FormData();
  for (const drawn of JSON.parse(attempt.questions) as { id: string; choices: string[] }[]) {
    const key = quiz.keys[drawn.id]!;
    if (key.type === "text") form.append(`q.${drawn.id}`, right ? key.acceptedAnswers[0]! : "sai");
    else if (key.type === "number") form.append(`q.${drawn.id}`, right ? String(key.number!.value) : "-1");
    else if (right) for (const c of key.correctChoices) form.append(`q.${drawn.id}`, c);
    else form.append(`q.${drawn.id}`, drawn.choices.find((c) => !key.correctChoices.includes(c))!);
  }
  return form;
}

async function started(userId: string, quizId: string, now?: Date) {
  const result = await startAttempt({ userId, courseSlug: course, quizId, now });
  if ("error" in result) throw new Error(result.error);
  return result.attemptId;
}

describe("grading", () => {
  const key = (over: Partial<QuestionKey>): QuestionKey => ({ id: "q", type: "single", correctChoices: [], acceptedAnswers: [], ignoreDiacritics: false, explanationHtml: null, ...over });

  test("single and true/false need the one right choice; multiple needs exactly the right set", () => {
    expect(isCorrect(key({ correctChoices: ["c2"] }), ["c2"])).toBe(true);
    expect(isCorrect(key({ correctChoices: ["c2"] }), ["c1", "c2"])).toBe(false);
    expect(isCorrect(key({ type: "true-false", correctChoices: ["false"] }), ["false"])).toBe(true);
    expect(isCorrect(key({ type: "multiple", correctChoices: ["c1", "c3"] }), ["c3", "c1"])).toBe(true);
    expect(isCorrect(key({ type: "multiple", correctChoices: ["c1", "c3"] }), ["c1"])).toBe(false);
  });

  test("text answers ignore spaces at the ends, case and Unicode form; diacritics only when asked", () => {
    const text = key({ type: "text", acceptedAnswers: ["Cổng Dịch vụ công"] });
    expect(isCorrect(text, ["  cổng dịch vụ CÔNG "])).toBe(true);
    expect(isCorrect(text, ["Cô\u0309ng Di\u0323ch vu\u0323 công"])).toBe(true); // decomposed
    expect(isCorrect(text, ["cong dich vu cong"])).toBe(false);
    expect(isCorrect({ ...text, ignoreDiacritics: true }, ["CONG DICH VU CONG"])).toBe(true);
    expect(isCorrect(text, [""])).toBe(false);
  });

  test("numbers accept a comma as decimal mark and a tolerance", () => {
    expect(parseNumber("1.234,5")).toBe(1234.5);
    expect(parseNumber("3,5")).toBe(3.5);
    expect(parseNumber("abc")).toBeNull();
    const number = key({ type: "number", number: { value: 3.5, tolerance: 0.1 } });
    expect(isCorrect(number, ["3,45"])).toBe(true);
    expect(isCorrect(number, ["3.7"])).toBe(false);
  });

  test("a pool draws the set number of questions; shuffling keeps every choice", () => {
    const final = definitionOf(finalQuiz);
    const drawn = drawQuestions(final);
    expect(drawn).toHaveLength(final.settings.draw!);
    expect(new Set(drawn.map((d) => d.id)).size).toBe(drawn.length);
    for (const d of drawn) {
      const question = final.questions.find((q) => q.id === d.id)!;
      expect([...d.choices].sort()).toEqual(question.choices.map((c) => c.id).sort());
    }
  });
});

describe("attempts", () => {
  test("fail, see answers (review after each), try again, pass", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(lessonQuiz);
    const first = await started(id, lessonQuiz);
    expect(await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: first, form: await answerForm(first, quiz, false) })).toMatchObject({ outcome: "submitted" });
    const afterFail = await quizView({ definition: quiz, courseSlug: course, userId: id, feedbackFor: first });
    expect(afterFail.feedback).toMatchObject({ score: 0, passed: false, detail: "full" });
    expect(afterFail.feedback?.questions[0]?.answers?.length).toBeGreaterThan(0);

    const second = await started(id, lessonQuiz);
    await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: second, form: await answerForm(second, quiz, true) });
    const afterPass = await quizView({ definition: quiz, courseSlug: course, userId: id, feedbackFor: second });
    expect(afterPass.feedback).toMatchObject({ score: 100, passed: true });
    expect(afterPass.history.map((h) => h.passed)).toEqual([false, true]);
  });

  test("after-pass review shows only which questions were wrong until the learner passes; waits and limits apply", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(finalQuiz);
    const t0 = new Date();
    const first = await started(id, finalQuiz, t0);
    await submitAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, attemptId: first, form: await answerForm(first, quiz, false), now: t0 });
    const view = await quizView({ definition: quiz, courseSlug: course, userId: id, feedbackFor: first, now: t0 });
    expect(view.feedback?.detail).toBe("wrong-only");
    expect(view.feedback?.questions.every((q) => q.answers === undefined && q.explanation === undefined)).toBe(true);
    expect(view.availability).toEqual({ kind: "wait", until: new Date(t0.getTime() + 30 * 60_000) });
    expect(await startAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, now: t0 })).toMatchObject({ error: "wait" });

    // Two more failures, each after the wait: then no attempts are left.
    let now = t0;
    for (let i = 0; i < 2; i++) {
      now = new Date(now.getTime() + 31 * 60_000);
      const attempt = await started(id, finalQuiz, now);
      await submitAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: await answerForm(attempt, quiz, false), now });
    }
    now = new Date(now.getTime() + 31 * 60_000);
    expect(await startAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, now })).toEqual({ error: "noAttemptsLeft" });
  });

  test("starting twice gives the same open attempt, even when the two starts arrive at once", async () => {
    const { id } = await createUser();
    expect(await started(id, lessonQuiz)).toBe(await started(id, lessonQuiz));
    // Parallel starts must not open spare attempts: each would be a way round the limit and the wait.
    const { id: racer } = await createUser();
    const ids = await Promise.all(Array.from({ length: 5 }, () => started(racer, finalQuiz)));
    expect(new Set(ids).size).toBe(1);
    expect(await db.quizAttempt.count({ where: { userId: racer, quizId: finalQuiz } })).toBe(1);
  });

  test("the same attempt submitted twice, even at once, is recorded once", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(lessonQuiz);
    const attempt = await started(id, lessonQuiz);
    const right = await answerForm(attempt, quiz, true);
    const wrong = await answerForm(attempt, quiz, false);
    const results = await Promise.all([
      submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: right }),
      submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: wrong }),
    ]);
    expect(results.filter((r) => "alreadySubmitted" in r && !r.alreadySubmitted)).toHaveLength(1);
    expect(await db.quizAttempt.count({ where: { userId: id } })).toBe(1);
    const again = await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: right });
    expect(again).toMatchObject({ alreadySubmitted: true });
  });

  test("bad input changes nothing: another's attempt, forged ids, questions not drawn, malformed values", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const quiz = definitionOf(finalQuiz);
    const attempt = await started(owner.id, finalQuiz);
    const drawn = JSON.parse((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).questions) as { id: string; choices: string[] }[];
    const notDrawn = quiz.questions.find((q) => !drawn.some((d) => d.id === q.id))!;
    // Forged choices only make sense for a question answered by choosing one.
    const single = drawn.find((d) => quiz.keys[d.id]?.type === "single")!;
    const form = (entries: [string, string][]) => {
      const f = new FormData();
      for (const [k, v] of entries) f.append(k, v);
      return f;
    };
    const cases: [string, FormData][] = [
      ["forged question", form([["q.khong-ton-tai", "c1"]])],
      ["question not drawn", form([[`q.${notDrawn.id}`, notDrawn.choices[0]?.id ?? "true"]])],
      ["forged choice", form([[`q.${single.id}`, "c99"]])],
      ["two answers to a single question", form([[`q.${single.id}`, single.choices[0]!], [`q.${single.id}`, single.choices[1]!]])],
    ];
    for (const [, f] of cases) {
      expect(await submitAttempt({ userId: owner.id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: f })).toEqual({ error: "badAnswer" });
    }
    expect(await submitAttempt({ userId: stranger.id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: form([]) })).toEqual({ error: "notFound" });
    expect(await submitAttempt({ userId: owner.id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: form([]) })).toEqual({ error: "notFound" });
    expect(await submitAttempt({ userId: owner.id, courseSlug: course, quizId: finalQuiz, attemptId: "khong-co", form: form([]) })).toEqual({ error: "notFound" });
    expect(await startAttempt({ userId: owner.id, courseSlug: course, quizId: "khong-co" })).toEqual({ error: "notFound" });
    const row = await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } });
    expect(row.submittedAt).toBeNull();
  });

  /** Runs fn with the shared in-memory quiz given a time limit and, when asked, a late rule; restores both after. */
  async function timed<T>(quiz: QuizDefinition, late: "grade" | "refuse" | undefined, fn: () => Promise<T>) {
    const saved = { ...quiz.settings };
    quiz.settings.timeLimitMinutes = 15;
    if (late) quiz.settings.late = late;
    try {
      return await fn();
    } finally {
      quiz.settings.timeLimitMinutes = saved.timeLimitMinutes;
      quiz.settings.late = saved.late;
    }
  }

  test("a timed quiz that says nothing about late attempts refuses one sent after the limit: score 0, not passed", async () => {
    const { id } = await createUser();
    // The content's quiz has no `late` property: this is the default a trainer gets.
    const quiz = definitionOf(lessonQuiz);
    const start = new Date();
    const threeHoursLater = new Date(start.getTime() + 3 * 3600_000);
    await timed(quiz, undefined, async () => {
      const attempt = await started(id, lessonQuiz, start);
      const result = await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: await answerForm(attempt, quiz, true), now: threeHoursLater });
      expect(result).toMatchObject({ outcome: "refused" });
      expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).toMatchObject({ outcome: "refused", score: 0, passed: false });
    });
  });

  test('late="grade", set by the trainer, grades a late attempt and marks it late', async () => {
    const { id } = await createUser();
    const quiz = definitionOf(lessonQuiz);
    const start = new Date();
    await timed(quiz, "grade", async () => {
      const attempt = await started(id, lessonQuiz, start);
      const result = await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: await answerForm(attempt, quiz, true), now: new Date(start.getTime() + 3 * 3600_000) });
      expect(result).toMatchObject({ outcome: "late" });
      expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).toMatchObject({ outcome: "late", score: 100, passed: true });
    });
  });

  test("a submission with questions left unanswered is held back until the learner confirms: nothing recorded, no attempt used", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(finalQuiz);
    const attempt = await started(id, finalQuiz);
    const drawn = (JSON.parse((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).questions) as { id: string }[]).map((d) => d.id);

    // Blank: one statement (reading the attempt), then nothing written.
    const blank = await countQueries(() => submitAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: new FormData() }));
    expect(blank.result).toEqual({ error: "unanswered", questionIds: drawn, answers: {} });
    expect(blank.queries).toBe(1);

    // Partly answered: the first three, and a text answer of spaces, which is no answer.
    const full = await answerForm(attempt, quiz, false);
    const partial = new FormData();
    for (const [name, value] of full) if (drawn.slice(0, 3).includes(name.slice(2))) partial.append(name, value);
    const text = drawn.slice(3).find((q) => quiz.keys[q]?.type === "text" || quiz.keys[q]?.type === "number");
    if (text) partial.append(`q.${text}`, "   ");
    const held = await submitAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: partial });
    expect(held).toMatchObject({ error: "unanswered", questionIds: drawn.slice(3) });
    // The answers given come back, to be shown again.
    expect(held).toHaveProperty("answers", Object.fromEntries(drawn.slice(0, 3).map((q) => [q, full.getAll(`q.${q}`)]).concat(text ? [[text, ["   "]]] : [])));

    const view = await quizView({ definition: quiz, courseSlug: course, userId: id });
    expect(view.open?.id).toBe(attempt);
    expect(view.history).toEqual([]);
    expect(view.availability).toEqual({ kind: "now" });

    // Confirmed: graded as it stands.
    expect(await submitAttempt({ userId: id, courseSlug: course, quizId: finalQuiz, attemptId: attempt, form: partial, confirmUnanswered: true })).toMatchObject({
      outcome: "submitted",
      alreadySubmitted: false,
    });
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).toMatchObject({ score: 0, passed: false });
  });

  test("once the time limit has passed, unanswered questions never hold a submission back", async () => {
    const { id } = await createUser();
    // Within the grace period: graded as on time.
    const onTime = await started(id, lessonQuiz);
    await db.quizAttempt.update({ where: { id: onTime }, data: { deadlineAt: new Date(Date.now() - 5_000) } });
    expect(await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: onTime, form: new FormData() })).toMatchObject({ outcome: "submitted" });
    // After it: taken as it is, and refused, as the quiz's late rule (the default) says.
    const late = await started(id, lessonQuiz);
    await db.quizAttempt.update({ where: { id: late }, data: { deadlineAt: new Date(Date.now() - 60_000) } });
    expect(await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: late, form: new FormData() })).toMatchObject({ outcome: "refused" });
  });

  test("an attempt started before the quiz was edited is not graded with the new key and does not count", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(lessonQuiz);
    const attempt = await started(id, lessonQuiz);
    await db.quizAttempt.update({ where: { id: attempt }, data: { quizVersion: "000000000000" } });
    expect(await submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: attempt, form: await answerForm(attempt, quiz, true) })).toEqual({ error: "changed" });
    expect((await db.quizAttempt.findUniqueOrThrow({ where: { id: attempt } })).outcome).toBe("superseded");
  });

  // BEGIN, read the attempt, its conditional update, COMMIT; a pass also asks
  // whether the learner is enrolled, so that it can count towards the course.
  test("a submission costs four statements, a pass by a learner not enrolled five", async () => {
    const { id } = await createUser();
    const quiz = definitionOf(lessonQuiz);
    const failing = await started(id, lessonQuiz);
    const wrong = await answerForm(failing, quiz, false);
    expect((await countQueries(() => submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: failing, form: wrong }))).queries).toBe(4);
    const passing = await started(id, lessonQuiz);
    const right = await answerForm(passing, quiz, true);
    expect((await countQueries(() => submitAttempt({ userId: id, courseSlug: course, quizId: lessonQuiz, attemptId: passing, form: right }))).queries).toBe(5);
  });
});
