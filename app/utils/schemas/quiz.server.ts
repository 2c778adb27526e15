/**
 * The quiz forms of the lesson page (components/quiz/quiz-panel.tsx). The
 * answers themselves ("q.<question id>") are read by the quiz model against
 * the questions of the attempt; this schema covers everything else.
 *
 * Server-only, unlike the other schemas: the page checks answers with
 * ~/utils/quiz before sending, so zod need not reach the lesson page.
 */
import * as z from "zod/v4-mini";
import { checkbox, parseForm } from "~/utils/schemas/fields";

const id = z.string().check(z.minLength(1), z.maxLength(100));

const QuizForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("start"), quizId: id }),
  z.object({
    intent: z.literal("submit"),
    quizId: id,
    attemptId: id,
    /** Sent by "Vẫn nộp bài": submit even though some questions are unanswered. */
    confirmUnanswered: checkbox,
  }),
]);

export const parseQuizForm = (form: FormData) => parseForm(QuizForm, form);
