/**
 * What the quiz form and the quiz model must agree on: where an answer is in
 * the form, and what counts as an answer. The server decides
 * (models/quiz.server.ts); with JavaScript the page uses the same rule to ask
 * before sending. Kept free of zod, so the lesson page's bundle stays small.
 */

const answerFieldPrefix = "q.";

/** The form field that carries the answer to a question. */
export const answerField = (questionId: string) => `${answerFieldPrefix}${questionId}`;

/** The question a form field answers, or null for any other field. */
export const questionOfField = (name: string) => (name.startsWith(answerFieldPrefix) ? name.slice(answerFieldPrefix.length) : null);

/** The questions, in the order given, with no answer: nothing chosen, or only spaces typed. */
export function unansweredQuestions(questionIds: readonly string[], answersTo: (questionId: string) => readonly unknown[]): string[] {
  return questionIds.filter((id) => !answersTo(id).some((value) => typeof value === "string" && value.trim() !== ""));
}
