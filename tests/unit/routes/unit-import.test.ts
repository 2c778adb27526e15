/**
 * The import page over the real site: uploads as a browser sends them
 * (multipart), refused with a message and a 4xx when they are not a unit
 * list, and confirmations that name an upload other than a pending one.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "../../setup/accounts";
import { prepareAsStartupDoes, sessionCookie, startSite, type Site } from "../../setup/site";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";

const HEADER = "id,code,name,kind,parent,province,valid_from,valid_to,successor,target_hours";
let site: Site;
let cookie: string;

beforeAll(async () => {
  await prepareAsStartupDoes();
  const admin = await createUser({ role: "admin" });
  cookie = await sessionCookie(admin.id);
  site = await startSite();
});

afterAll(() => site?.close());

function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const boundary = "----hocso-test-boundary";
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`), file.content, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { "Content-Type": `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts) };
}

const upload = (name: string, content: Buffer) => site.send({ path: "/admin/units/import", method: "POST", cookie, ...multipart({ intent: "upload" }, { name, content }) });
const confirm = (importId: string, skip = false) =>
  site.send({
    path: "/admin/units/import",
    method: "POST",
    cookie,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ intent: "apply", importId, ...(skip ? { skipRejected: "on" } : {}) }).toString(),
  });

test("a good file is checked, stored, and shown at its own address; confirming it imports it once", async () => {
  const reply = await upload("them.csv", Buffer.from(`\uFEFF${HEADER}\r\nhue-route-moi,,Cơ quan thử,agency,46,,,,,\r\n`));
  expect(reply.status).toBe(303);
  const importId = /\?id=(\w+)$/.exec(String(reply.headers.location))?.[1];
  expect(importId).toBeTruthy();
  expect(await db.unit.findUnique({ where: { id: "hue-route-moi" } })).toBeNull();
  const page = await site.send({ path: `/admin/units/import?id=${importId}`, cookie });
  expect(page.status).toBe(200);
  expect(page.body).toContain("them.csv");
  expect((await confirm(importId!)).status).toBe(303);
  expect(await db.unit.findUnique({ where: { id: "hue-route-moi" } })).toMatchObject({ path: "/46/hue-route-moi/" });
  // Applied: a second confirmation, a forged one naming no upload, or none at all, are all refused.
  expect((await confirm(importId!)).status).toBe(409);
  expect((await confirm("khongcothat")).status).toBe(404);
  expect((await confirm("")).status).toBe(400);
  expect((await site.send({ path: "/admin/units/import?id=khongcothat", cookie })).status).toBe(404);
});

test("uploads that are not a unit list are refused with a message, a 4xx, and nothing kept", async () => {
  const before = await db.unitImport.count();
  const limit = Math.min(5 * 1024 * 1024, env().MAX_BODY_BYTES - 16 * 1024);
  const cases: [string, Buffer, number, string][] = [
    ["latin1.csv", Buffer.from(`${HEADER}\nhue-x,,C\xf4 quan,agency,46,,,,,\n`, "latin1"), 422, "UTF-8"],
    ["bang-tinh.csv", Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), 422, "CSV"],
    ["sai-cot.csv", Buffer.from("ten,dia chi\nA,B\n"), 422, "id, name, kind"],
    ["rong.csv", Buffer.alloc(0), 400, "Hãy chọn một tệp CSV."],
    // Just over the import's limit (the server's own body limit, less the framing, when that is below 5 MB).
    ["qua-lon.csv", Buffer.alloc(limit + 100, 0x61), 413, "Tệp quá lớn: tối đa"],
  ];
  for (const [name, content, status, text] of cases) {
    const reply = await upload(name, content);
    expect(reply.status, name).toBe(status);
    // The page of a refused form: the message, in the page's language, where the form is.
    if (!reply.headers["content-type"]?.includes("json")) expect(reply.body, name).toContain(text);
  }
  // Over the server's body limit: refused before any route runs, with its own page.
  expect((await upload("rat-lon.csv", Buffer.alloc(Math.max(env().MAX_BODY_BYTES, 5 * 1024 * 1024) + 10, 0x61))).status).toBe(413);
  // An upload with no file part at all.
  const noFile = await site.send({ path: "/admin/units/import", method: "POST", cookie, ...multipart({ intent: "upload" }) });
  expect(noFile.status).toBe(400);
  expect(await db.unitImport.count()).toBe(before);
});

test("an upload with a rejected row is stored; confirming it without skipping writes nothing", async () => {
  const reply = await upload("mot-dong-sai.csv", Buffer.from(`${HEADER}\nhue-route-hai,,Cơ quan hai,agency,46,,,,,\nhue-route-ba,,Tổ sai chỗ,team,46,,,,,\n`));
  const importId = /\?id=(\w+)$/.exec(String(reply.headers.location))![1]!;
  const page = await site.send({ path: `/admin/units/import?id=${importId}`, cookie });
  expect(page.body).toContain("hue-route-ba");
  expect((await confirm(importId)).status).toBe(409);
  expect(await db.unit.findUnique({ where: { id: "hue-route-hai" } })).toBeNull();
  expect((await confirm(importId, true)).status).toBe(303);
  expect(await db.unit.findUnique({ where: { id: "hue-route-hai" } })).not.toBeNull();
  expect(await db.unit.findUnique({ where: { id: "hue-route-ba" } })).toBeNull();
});
