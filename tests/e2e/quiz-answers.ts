import fs from "node:fs";
import type { Locator } from "@playwright/test";
import { expect } from "./fixtures";

type Answer = { type: string; choices: string[]; answer?: string };

/** The answers of a quiz, read from the lesson file the way a trainer wrote them. */
export function answersOf(lessonFile: string, quizId: string): Map<string, Answer> {
  const source = fs.readFileSync(lessonFile, "utf8");
  const start = source.indexOf(`<Quiz id="${quizId}"`);
  const quiz = source.slice(start, source.indexOf("</Quiz>", start));
  const answers = new Map<string, Answer>();
  for (const match of quiz.matchAll(/<Question id="([^"]+)"([^>]*)>([\s\S]*?)<\/Question>/g)) {
    const [, id, attributes, body] = match;
    const type = /type="([^"]+)"/.exec(attributes!)?.[1] ?? "single";
    const answer = /answer="([^"]+)"/.exec(attributes!)?.[1];
    const choices = [...body!.matchAll(/<Choice correct>([\s\S]*?)<\/Choice>/g)].map((m) => m[1]!.replace(/\*\*|\*|`/g, "").trim());
    answers.set(id!, { type, choices, answer });
  }
  return answers;
}

/** Answers every drawn question of a started quiz rightly, submits, and waits for the 100% result. */
export async function answerRightly(quiz: Locator, lessonFile: string, quizId: string, drawn: number) {
  const answers = answersOf(lessonFile, quizId);
  const questions = quiz.getByRole("group", { name: /^Câu \d+\./ });
  // Without JavaScript the page arrives in a stream: wait for every drawn question, not just the first.
  await expect(questions).toHaveCount(drawn);
  for (const question of await questions.all()) {
    const id = (await question.getAttribute("aria-labelledby"))!.replace(`q-${quizId}-`, "");
    const { type, choices, answer } = answers.get(id)!;
    if (type === "text" || type === "number") await question.getByRole("textbox").fill(answer!.split("|")[0]!);
    else if (type === "true-false") await question.getByLabel(answer === "true" ? "Đúng" : "Sai", { exact: true }).check();
    else for (const choice of choices) await question.getByLabel(choice, { exact: true }).check();
  }
  await quiz.getByRole("button", { name: "Nộp bài" }).click();
  await expect(quiz.getByRole("status")).toContainText("Bạn đúng 100%");
}
