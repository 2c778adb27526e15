import { beforeEach, expect, test } from "vitest";
import { seed } from "../../../prisma/seed";
import { issueSetupLink } from "~/models/setup.server";
import { action, headers, loader } from "~/routes/setup";
import { getUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";

beforeEach(async () => {
  await db.user.deleteMany();
  await seed({ demo: false });
});

const url = (token: string) => `http://localhost/setup?${new URLSearchParams({ token })}`;
const args = (request: Request) => ({ request, params: {}, context: { cspNonce: "" } });
const post = (token: string, fields: Record<string, string>) =>
  action(
    args(new Request(url(token), { method: "POST", body: new URLSearchParams({ token, ...fields }), headers: { "Content-Type": "application/x-www-form-urlencoded" } })),
  ).catch((thrown: unknown) => thrown as Response) as Promise<Response>;

const complete = { fullName: "Lê Quản Trị", identifier: "quantri@so.example.gov.vn", password: "mot-cau-rat-dai-cho-quan-tri", consentLearningRecords: "on" };

test("the page shows the form only for a link that works, and is never kept by a cache", async () => {
  const token = new URL((await issueSetupLink())!).searchParams.get("token")!;
  expect(await loader(args(new Request(url(token))))).toMatchObject({ token });
  expect(await loader(args(new Request(url("khong-dung"))))).toMatchObject({ token: null });
  expect(new Headers(headers({} as Parameters<typeof headers>[0])).get("Cache-Control")).toBe("private, no-store");
});

test("a refused form keeps what was typed, never the password; a complete one makes the admin and signs them in", async () => {
  const token = new URL((await issueSetupLink())!).searchParams.get("token")!;
  const refused = await post(token, { ...complete, password: "ngan", consentLearningRecords: "" });
  expect(refused.status).toBe(400);
  const body = (await refused.json()) as { errors: Record<string, string[]>; values: Record<string, string> };
  expect(Object.keys(body.errors).sort()).toEqual(["consentLearningRecords", "password"]);
  expect(body.values).toMatchObject({ fullName: "Lê Quản Trị", identifier: "quantri@so.example.gov.vn" });
  expect(body.values).not.toHaveProperty("password");
  expect(body.values).not.toHaveProperty("token");

  const made = await post(token, complete);
  expect(made.status).toBe(302);
  expect(made.headers.get("Location")).toBe("/admin");
  const cookies = made.headers.getSetCookie();
  expect(cookies.some((c) => c.startsWith("hocso_device="))).toBe(true);
  const session = cookies.find((c) => c.startsWith("hocso_session="))!.split(";")[0]!;
  expect(await getUser(new Request("http://localhost/admin", { headers: { Cookie: session } }))).toMatchObject({ role: "admin", fullName: "Lê Quản Trị" });

  // The link is spent.
  const again = await post(token, { ...complete, identifier: "0912000222" });
  expect(again.status).toBe(400);
  expect(await again.json()).toMatchObject({ errors: { form: ["setup.invalid"] } });
});
