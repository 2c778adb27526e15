import { beforeAll, expect, test } from "vitest";
import { seedReferenceData } from "../../setup/accounts";
import { action as signInAction } from "~/routes/sign-in";
import { action as signUpAction } from "~/routes/sign-up";
import { db } from "~/utils/db.server";

beforeAll(seedReferenceData);

function post(action: typeof signUpAction, body: BodyInit, contentType = "application/x-www-form-urlencoded") {
  const request = new Request("http://localhost/sign-up", { method: "POST", body, headers: { "Content-Type": contentType } });
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
