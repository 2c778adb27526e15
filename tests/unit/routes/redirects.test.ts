/**
 * Every route that sends a reader "back where they came from" takes the
 * address from the request: none may send them to another site, and none may
 * answer 500 because the address has characters a header cannot carry.
 */
import { beforeAll, expect, test } from "vitest";
import { cookieFrom, createUser, seedReferenceData, signedInRequest, TEST_PASSWORD } from "../../setup/accounts";
import { action as languageAction } from "~/routes/language";
import { action as progressAction } from "~/routes/progress";
import { action as signInAction, loader as signInLoader } from "~/routes/sign-in";
import { action as signUpAction } from "~/routes/sign-up";
import { db } from "~/utils/db.server";

beforeAll(seedReferenceData);

/** What `searchParams.get` or a form field hands the route, after decoding. */
const offSite = ["/./\\evil.example", "/../\\evil.example", "/x/../\\evil.example", "/..//evil.example", "/.//evil.example", "//evil.example"];

type Route = (args: { request: Request; params: Record<string, string>; context: { cspNonce: string } }) => Promise<unknown>;

/** The Location a route answers with, whether it returns or throws the redirect. */
async function locationOf(route: Route, request: Request) {
  const response = (await route({ request, params: {}, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown)) as Response;
  expect(response).toBeInstanceOf(Response);
  expect([302, 303]).toContain(response.status);
  const location = response.headers.get("Location") ?? "";
  // A Location that Node can send at all: printable ASCII only.
  expect(location).toMatch(/^[\x21-\x7e]+$/);
  return location;
}

const form = (url: string, fields: Record<string, string>, cookie?: string) =>
  new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded", ...(cookie ? { Cookie: cookie } : {}) },
  });

test.each(offSite)("signed in, GET /sign-in?redirectTo=%s stays on the site", async (target) => {
  const { id } = await createUser();
  const { setCookie } = await signedInRequest(id);
  const url = `http://localhost/sign-in?${new URLSearchParams({ redirectTo: target })}`;
  expect(await locationOf(signInLoader, new Request(url, { headers: { Cookie: cookieFrom(setCookie) } }))).toBe("/account");
});

test("signed in, the encoded form from the report (/./%5Cevil.example) stays on the site", async () => {
  const { id } = await createUser();
  const { setCookie } = await signedInRequest(id);
  const request = new Request("http://localhost/sign-in?redirectTo=/./%5Cevil.example", { headers: { Cookie: cookieFrom(setCookie) } });
  expect(await locationOf(signInLoader, request)).toBe("/account");
});

test.each(offSite)("POST /language with redirectTo=%s stays on the site", async (target) => {
  expect(await locationOf(languageAction, form("http://localhost/language", { lang: "en", redirectTo: target }))).toBe("/");
});

test.each(offSite)("POST /progress with redirectTo=%s goes back to the course", async (target) => {
  const { id } = await createUser();
  const { setCookie } = await signedInRequest(id);
  const request = form("http://localhost/progress", { intent: "unenroll", course: "an-toan-thong-tin", redirectTo: target }, cookieFrom(setCookie));
  expect(await locationOf(progressAction, request)).toBe("/courses/an-toan-thong-tin");
});

test("signing in with an off-site redirectTo lands on the learner's own page", async () => {
  await createUser({ phone: "+84977000201" });
  for (const target of ["/x/../\\evil.example", "/..//evil.example"]) {
    const request = form("http://localhost/sign-in", { identifier: "0977000201", password: TEST_PASSWORD, redirectTo: target });
    expect(await locationOf(signInAction, request), target).toBe("/me");
  }
});

test("signing up with an off-site redirectTo lands on the learner's own page", async () => {
  const request = form("http://localhost/sign-up", {
    identifier: "0977000202",
    password: TEST_PASSWORD,
    fullName: "Trần Thị Thử",
    learnerGroup: "resident",
    provinceCode: "46",
    consentLearningRecords: "on",
    redirectTo: "/../\\evil.example",
  });
  expect(await locationOf(signUpAction, request)).toBe("/me");
});

// Any character above U+00FF made Node refuse the header: a 500, on sign-in
// after the session had been created.
const vietnamese = "/courses?q=dịch vụ công#mục-1";
const encoded = "/courses?q=d%E1%BB%8Bch%20v%E1%BB%A5%20c%C3%B4ng#m%E1%BB%A5c-1";

test("a Vietnamese redirectTo is percent-encoded on every route", async () => {
  const { id } = await createUser({ phone: "+84977000203" });
  const { setCookie } = await signedInRequest(id);
  const cookie = cookieFrom(setCookie);

  const signedInGet = new Request(`http://localhost/sign-in?${new URLSearchParams({ redirectTo: vietnamese })}`, { headers: { Cookie: cookie } });
  expect(await locationOf(signInLoader, signedInGet)).toBe(encoded);
  expect(await locationOf(languageAction, form("http://localhost/language", { lang: "vi", redirectTo: vietnamese }))).toBe(encoded);
  const progress = form("http://localhost/progress", { intent: "unenroll", course: "an-toan-thong-tin", redirectTo: vietnamese }, cookie);
  expect(await locationOf(progressAction, progress)).toBe(encoded);

  const sessionsBefore = await db.session.count({ where: { userId: id } });
  const signIn = form("http://localhost/sign-in", { identifier: "0977000203", password: TEST_PASSWORD, redirectTo: "/ữ" });
  expect(await locationOf(signInAction, signIn)).toBe("/%E1%BB%AF");
  expect(await db.session.count({ where: { userId: id } })).toBe(sessionsBefore + 1);

  const signUp = form("http://localhost/sign-up", {
    identifier: "0977000204",
    password: TEST_PASSWORD,
    fullName: "Lê Văn Thử",
    learnerGroup: "resident",
    provinceCode: "46",
    consentLearningRecords: "on",
    redirectTo: "/ữ",
  });
  expect(await locationOf(signUpAction, signUp)).toBe("/%E1%BB%AF");
});
