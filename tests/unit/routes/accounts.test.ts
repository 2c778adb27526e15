import { beforeAll, describe, expect, test } from "vitest";
import { cookieFrom, createUser, seedReferenceData, signedInRequest, TEST_PASSWORD } from "../../setup/accounts";
import { createCookie } from "@remix-run/node";
import { throttlePolicies } from "~/models/throttle.server";
import { createResetLinkFor } from "~/models/password-reset.server";
import { action as deleteAction } from "~/routes/account.delete";
import { action as resetAction } from "~/routes/reset-password";
import { action as signInAction } from "~/routes/sign-in";
import { action as signUpAction } from "~/routes/sign-up";
import { db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";

beforeAll(seedReferenceData);

function post(action: typeof signUpAction, body: BodyInit, contentType = "application/x-www-form-urlencoded", cookie?: string) {
  const headers: Record<string, string> = { "Content-Type": contentType, ...(cookie ? { Cookie: cookie } : {}) };
  const request = new Request("http://localhost/sign-up", { method: "POST", body, headers });
  return action({ request, params: {}, context: { cspNonce: "" } }).catch((thrown: unknown) => thrown as Response);
}

const statusOf = async (pending: Promise<unknown>) => ((await pending) as Response).status;

const valid = "identifier=0977000111&password=mot-cau-rat-dai&learnerGroup=resident&provinceCode=46&consentLearningRecords=on";

test("invalid UTF-8 in a field is a 400 with a message, and nothing is created", async () => {
  const bytes = Buffer.concat([Buffer.from(`${valid}&fullName=An`), Buffer.from([0xff, 0xfe]), Buffer.from("B")]);
  const response = (await post(signUpAction, bytes)) as Response;
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ errors: { fullName: ["form.controlCharacters"] } });
  expect(await db.user.count({ where: { phone: "+84977000111" } })).toBe(0);
});

test("a body that is not a form is refused with 415, a broken multipart body with 400", async () => {
  expect(await statusOf(post(signUpAction, "{}", "application/json"))).toBe(415);
  expect(await statusOf(post(signUpAction, "--x\r\nbroken", "multipart/form-data; boundary=x"))).toBe(400);
});

test("a duplicate sign-up is a 409 and a wrong sign-in a 400, never a 500", async () => {
  expect(await statusOf(post(signUpAction, `${valid}&fullName=An`))).toBe(302);
  expect(await statusOf(post(signUpAction, `${valid}&fullName=An`))).toBe(409);
  expect(await statusOf(post(signInAction, "identifier=0977000111&password=sai-roi-nhe"))).toBe(400);
  expect(await statusOf(post(signInAction, `identifier=${"9".repeat(5000)}&password=x`))).toBe(400);
});

describe("device cookies: a stranger's guesses slow the stranger, not the owner", () => {
  const form = (phone: string, password: string) => `identifier=${phone}&password=${encodeURIComponent(password)}`;
  const signIn = async (phone: string, password: string, cookie?: string) =>
    (await post(signInAction, form(phone, password), undefined, cookie)) as Response;
  /** The device cookie a successful sign-in sets, as a browser would send it back. */
  const deviceCookieOf = (response: Response) => {
    const set = response.headers.getSetCookie().find((c) => /^(__Host-)?hocso_device=/.test(c));
    return set?.split(";")[0];
  };
  const stranger = <T>(fn: () => Promise<T>) => runInRequestScope("198.51.100.7", fn);

  test("50 wrong passwords never stop the owner signing in on a device they signed in on before", async () => {
    await createUser({ phone: "+84977000201" });
    const first = await signIn("0977000201", TEST_PASSWORD);
    expect(first.status).toBe(302);
    let device = deviceCookieOf(first);
    expect(device).toBeDefined();

    const statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses.push((await stranger(() => signIn("0977000201", `doan-thu-${i}`))).status);
      if (i % 10 === 9) {
        const owner = await signIn("0977000201", TEST_PASSWORD, device);
        expect(owner.status).toBe(302);
        device = deviceCookieOf(owner) ?? device;
      }
    }
    // Without a device cookie guessing stays slow: a few passwords checked, the rest told to wait.
    expect(statuses.filter((s) => s === 400)).toHaveLength(throttlePolicies.signInAccount.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(50 - throttlePolicies.signInAccount.free);
    expect((await signIn("0977000201", TEST_PASSWORD)).status).toBe(429);
  });

  test("the browser that uses a reset link becomes a trusted device for the account", async () => {
    const owner = await createUser({ phone: "+84977000204" });
    const manager = await createUser({ role: "manager" });
    for (let i = 0; i < throttlePolicies.signInAccount.free; i++) await stranger(() => signIn("0977000204", `doan-thu-${i}`));
    // A link a manager made and handed over in person, or one that came by mail: the same.
    const { url } = await createResetLinkFor({ actorId: manager.id, userId: owner.id });
    const token = new URL(url).searchParams.get("token")!;
    const reset = (await post(resetAction, `token=${token}&password=mat-khau-moi-dai`)) as Response;
    expect(reset.status).toBe(303);
    const device = deviceCookieOf(reset);
    expect(device).toBeDefined();

    expect((await signIn("0977000204", "mat-khau-moi-dai")).status).toBe(429);
    expect((await signIn("0977000204", "mat-khau-moi-dai", device)).status).toBe(302);
  });

  test("deleting the account takes its device cookie off the browser", async () => {
    const { id } = await createUser({ phone: "+84977000205" });
    const device = deviceCookieOf(await signIn("0977000205", TEST_PASSWORD))!;
    const { setCookie } = await signedInRequest(id);
    const deleted = (await post(deleteAction, `currentPassword=${TEST_PASSWORD}`, undefined, `${cookieFrom(setCookie)}; ${device}`)) as Response;
    expect(deleted.status).toBe(303);
    expect(deleted.headers.getSetCookie()).toContainEqual(expect.stringMatching(/^hocso_device=; Max-Age=0/));
  });

  test("forged, tampered and other accounts' device cookies are ignored", async () => {
    await createUser({ phone: "+84977000202" });
    const b = await createUser({ phone: "+84977000203" });
    const deviceOfA = deviceCookieOf(await signIn("0977000202", TEST_PASSWORD))!;
    const deviceOfB = deviceCookieOf(await signIn("0977000203", TEST_PASSWORD))!;
    for (let i = 0; i < throttlePolicies.signInAccount.free; i++) await stranger(() => signIn("0977000203", `doan-thu-${i}`));

    const [name, value] = deviceOfA.split("=") as [string, string];
    const [payload, signature] = decodeURIComponent(value).split(".") as [string, string];
    const claims = JSON.parse(atob(payload)) as Record<string, unknown>;
    const tampered = `${name}=${encodeURIComponent(`${btoa(JSON.stringify({ ...claims, userId: b.id }))}.${signature}`)}`;
    const forged = (await createCookie(name, { secrets: ["not-the-server-key"] }).serialize({ ...claims, userId: b.id })).split(";")[0];

    expect((await signIn("0977000203", TEST_PASSWORD, deviceOfA)).status).toBe(429);
    expect((await signIn("0977000203", TEST_PASSWORD, tampered)).status).toBe(429);
    expect((await signIn("0977000203", TEST_PASSWORD, forged)).status).toBe(429);
    expect((await signIn("0977000203", TEST_PASSWORD, `${name}=garbage`)).status).toBe(429);
    expect((await signIn("0977000203", TEST_PASSWORD, deviceOfB)).status).toBe(302);
  });
});
