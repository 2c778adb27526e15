/** Input no form of ours sends is a 4xx, never a 500. */
import type { ActionFunctionArgs } from "@remix-run/node";
import { beforeAll, expect, test } from "vitest";
import { cookieFrom, createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { action as languageAction } from "~/routes/language";
import { action as progressAction } from "~/routes/progress";

beforeAll(seedReferenceData);

type Action = (args: ActionFunctionArgs) => Promise<unknown>;

async function statusOf(action: Action, request: Request) {
  const answer = (await action({ request, params: {}, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
  return answer.status;
}

const post = (url: string, body: BodyInit, contentType: string | null, cookie?: string) => {
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  if (contentType) headers.set("Content-Type", contentType);
  return new Request(url, { method: "POST", body, headers });
};

test("POST /language with a body that is not a form is a 4xx", async () => {
  const language = (body: BodyInit, type: string | null) => statusOf(languageAction, post("http://localhost/language", body, type));
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
    statusOf(progressAction, post("http://localhost/progress", new URLSearchParams(fields), "application/x-www-form-urlencoded", cookieFrom(setCookie)));
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
  expect(await statusOf(progressAction, post("http://localhost/progress", "{}", "application/json", cookieFrom(setCookie)))).toBe(415);
});
