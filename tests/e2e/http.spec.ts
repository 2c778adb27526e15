import { expect, test } from "./fixtures";
import { signUpResident } from "./learners";

test("/healthz reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});

test("pages carry security headers and a nonce-based Content-Security-Policy", async ({ request }) => {
  const response = await request.get("/");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("hashed assets are compressed and cached for a year", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const css = /href="(\/build\/[^"]+\.css)"/.exec(html)?.[1];
  expect(css).toBeTruthy();
  const response = await request.get(css!, { headers: { "Accept-Encoding": "gzip" } });
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toContain("immutable");
  expect(response.headers()["cache-control"]).toContain("max-age=31536000");
  expect(response.headers()["content-encoding"]).toBe("gzip");
});

test("a malformed URL is a 400, not a 500", async ({ request }) => {
  const response = await request.get("/%E0%A4%A");
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Yêu cầu không hợp lệ");
});

test("an oversized body is refused with 413", async ({ request }) => {
  const response = await request.post("/language", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: `lang=en&redirectTo=${"a".repeat(2 * 1024 * 1024)}`,
  });
  expect(response.status()).toBe(413);
});

test("a form post from another site is refused", async ({ request }) => {
  const response = await request.post("/language", {
    headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
    data: "lang=en&redirectTo=/",
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("the language switch never redirects off the site and rejects unknown languages", async ({ request }) => {
  const offSite = await request.post("/language", {
    form: { lang: "en", redirectTo: "//evil.example/" },
    maxRedirects: 0,
  });
  expect(offSite.status()).toBe(303);
  expect(offSite.headers()["location"]).toBe("/");

  const unknown = await request.post("/language", { form: { lang: "xx" }, maxRedirects: 0 });
  expect(unknown.status()).toBe(400);
});

test("a body without a declared length is refused with 411", async ({ baseURL }) => {
  // fetch streams a ReadableStream body chunked, without Content-Length.
  const body = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("lang=en"));
      controller.close();
    },
  });
  const response = await fetch(`${baseURL}/language`, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    duplex: "half",
  } as RequestInit);
  expect(response.status).toBe(411);
});

test("TRACE and other unused methods are a 405 with Allow, not a 500", async ({ request }) => {
  for (const method of ["TRACE", "PROPFIND", "DELETE"]) {
    const response = await request.fetch("/", { method });
    expect(response.status(), method).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, HEAD, POST");
    expect(await response.text()).toContain("Trang này không nhận kiểu yêu cầu này.");
  }
});

test("every page carries its request id, in a header and on <html>, and hydrates without a mismatch", async ({ page }) => {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  const response = await page.goto("/courses");
  const id = response?.headers()["x-request-id"];
  expect(id).toMatch(/^[0-9a-f]{12}$/);
  await expect(page.locator("html")).toHaveAttribute("data-request-id", id!);
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  expect(problems).toEqual([]);
});

test("an error page shows the request id as the error reference", async ({ request, baseURL }) => {
  // /courses has no action: Remix answers a post with its error page.
  const response = await request.post("/courses", { headers: { Origin: new URL(baseURL!).origin }, form: { a: "1" } });
  expect(response.status()).toBe(405);
  expect(await response.text()).toContain(`Mã lỗi: ${response.headers()["x-request-id"]}`);
});

test("a body that is not a form is a 4xx, not a 500", async ({ request }) => {
  const json = await request.post("/language", { headers: { "Content-Type": "application/json" }, data: '{"lang":"en"}' });
  expect(json.status()).toBe(415);
  const boundaryless = await request.post("/language", { headers: { "Content-Type": "multipart/form-data" }, data: "lang=en" });
  expect(boundaryless.status()).toBe(400);
});

test.describe("signed in", () => {
  test.beforeEach(async ({ page }) => {
    await signUpResident(page, { name: "Người Thử Chuyển Hướng", province: "Lào Cai" });
  });

  test("sign-in's redirectTo never leaves the site, and a Vietnamese one is sent encoded", async ({ page }) => {
    for (const target of ["/./%5Cevil.example", "/../%5Cevil.example", "/x/../%5Cevil.example", "/..//evil.example"]) {
      const response = await page.request.get(`/sign-in?redirectTo=${target}`, { maxRedirects: 0 });
      expect(response.status(), target).toBe(302);
      expect(response.headers()["location"], target).toBe("/account");
    }
    const vietnamese = await page.request.get(`/sign-in?redirectTo=${encodeURIComponent("/ữ")}`, { maxRedirects: 0 });
    expect(vietnamese.status()).toBe(302);
    expect(vietnamese.headers()["location"]).toBe("/%E1%BB%AF");
  });

  test("a course that is not a slug is refused with 400", async ({ page, baseURL }) => {
    const response = await page.request.post("/progress", {
      headers: { Origin: new URL(baseURL!).origin },
      form: { intent: "unenroll", course: "x\r\nX: y" },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(400);
  });

  test("a post with the session cookie needs the site's Origin, or at least its Referer", async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const post = (headers: Record<string, string>) =>
      page.request.post("/language", { headers, form: { lang: "vi", redirectTo: "/courses" }, maxRedirects: 0 });
    expect((await post({})).status()).toBe(403);
    expect((await post({ Referer: "https://evil.example/" })).status()).toBe(403);
    expect((await post({ Origin: origin.replace("http:", "https:") })).status()).toBe(403);
    expect((await post({ Referer: `${origin}/courses` })).status()).toBe(303);
    expect((await post({ Origin: origin })).status()).toBe(303);
  });
});
