/** Input no form of ours sends is a 4xx, never a 500. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, describe, expect, test } from "vitest";
import { cookieFrom, createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { loadCourses } from "~/models/course.server";
import { startAttempt } from "~/models/quiz.server";
import { action as lessonAction } from "~/routes/courses.$course.$lesson";
import { action as languageAction } from "~/routes/language";
import { action as progressAction } from "~/routes/progress";
import { db } from "~/utils/db.server";

beforeAll(seedReferenceData);

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function statusOf(action: Action, request: Request) {
  const answer = (await action({ request, params: {}, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
  return answer.status;
}

const postTo = (url: string, body: BodyInit, contentType: string | null, cookie?: string) => {
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(url, { method: "POST", body, headers });
};

test("POST /language with a body that is not a form is a 4xx", async () => {
  const language = (body: BodyInit, type: string | null) => statusOf(languageAction, postTo("http://localhost/language", body, type));
  expect(await language('{"lang":"en"}', "application/json")).toBe(415);
  expect(await language("lang=en", "text/plain")).toBe(415);
  expect(await language("lang=en", null)).toBe(415);
  expect(await language("--x\r\nbroken", "multipart/form-data")).toBe(400);
  expect(await language("lang=en&redirectTo=/courses", "application/x-www-form-urlencoded")).toBe(303);
});

test("POST /progress refuses a course or lesson that is not a slug with 400, before it reaches a header", async () => {
  const { id } = await createUser();
  const { setCookie } = await signedInRequest(id);
  const progress = (fields: Record<string, string>) =>
    statusOf(progressAction, postTo("http://localhost/progress", new URLSearchParams(fields), "application/x-www-form-urlencoded", cookieFrom(setCookie)));
  expect(await progress({ intent: "unenroll", course: "x\r\nX: y" })).toBe(400);
  expect(await progress({ intent: "enroll", course: "../../etc" })).toBe(400);
  expect(await progress({ intent: "unenroll", course: "ữ" })).toBe(400);
  expect(await progress({ intent: "mark", course: "an-toan-thong-tin", lesson: "x\r\nX: y" })).toBe(400);
  expect(await progress({ intent: "time", course: "an-toan-thong-tin", lesson: "bai-1", seconds: "abc" })).toBe(400);
  expect(await progress({ intent: "nope", course: "an-toan-thong-tin" })).toBe(400);
  expect(await progress({ intent: "unenroll", course: "an-toan-thong-tin" })).toBe(303);
});

test("POST /progress with a body that is not a form is a 4xx", async () => {
  const { id } = await createUser();
  const { setCookie } = await signedInRequest(id);
  expect(await statusOf(progressAction, postTo("http://localhost/progress", "{}", "application/json", cookieFrom(setCookie)))).toBe(415);
});

describe("the lesson page's quiz forms", () => {
  const course = "thanh-toan-truc-tuyen";
  const lesson = "thanh-toan-bang-ma-qr";
  const quizId = "kiem-tra-thanh-toan-bang-ma-qr";

  async function postQuiz(userId: string, path: string, fields: Record<string, string>) {
    const [courseParam = "", lessonParam = ""] = path.split("/");
    const { setCookie } = await signedInRequest(userId);
    const request = postTo(`http://localhost/courses/${path}`, new URLSearchParams(fields), "application/x-www-form-urlencoded", cookieFrom(setCookie));
    const answer = (await lessonAction({ request, params: { course: courseParam, lesson: lessonParam }, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
    return answer;
  }

  test("a quiz started or sent from a lesson that is not its own, or under another quiz's name, is a 4xx and records nothing", async () => {
    await loadCourses({ cacheDir: null });
    const { id } = await createUser();
    const wrongLessons = [`${course}/khong-co-bai`, `${course}/ữ`, `${course}/x\r\nX: y`, `${course}/thanh-toan-khong-dung-tien-mat`];
    for (const path of wrongLessons) {
      expect((await postQuiz(id, path, { intent: "start", quizId })).status, path).toBe(404);
    }
    expect(await db.quizAttempt.count({ where: { userId: id } })).toBe(0);

    const started = await startAttempt({ userId: id, courseSlug: course, quizId });
    if ("error" in started) throw new Error(started.error);
    const { attemptId } = started;
    const submit = { intent: "submit", quizId, attemptId, confirmUnanswered: "on" };
    for (const path of wrongLessons) {
      expect((await postQuiz(id, path, submit)).status, path).toBe(404);
    }
    for (const other of ["ữ", "x\r\nX: y", "../../etc", "kiem-tra-cuoi-khoa"]) {
      expect((await postQuiz(id, `${course}/${lesson}`, { ...submit, quizId: other })).status, other).toBeGreaterThanOrEqual(400);
    }
    expect(await db.quizAttempt.findUniqueOrThrow({ where: { id: attemptId } })).toMatchObject({ submittedAt: null });

    const sent = await postQuiz(id, `${course}/${lesson}`, submit);
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe(`/courses/${course}/${lesson}?attempt=${attemptId}#quiz-${quizId}`);
  });
});
