import { expect, test } from "./fixtures";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`courses with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the catalogue lists courses and searches without diacritics", async ({ page }) => {
      await page.goto("/courses");
      await expect(page.getByRole("heading", { level: 1, name: "Khóa học" })).toBeVisible();
      const cards = page.getByRole("heading", { level: 2 });
      await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(8);

      await page.getByLabel("Tìm khóa học").fill("DICH VU CONG");
      await page.getByRole("button", { name: "Tìm" }).click();
      await expect(page).toHaveURL(/q=DICH\+VU\+CONG/);
      await expect(page.getByRole("status")).toContainText("Tìm thấy");
      await expect(cards.first()).toHaveText("Sử dụng dịch vụ công trực tuyến");

      await page.getByLabel("Tìm khóa học").fill("xyzzy khong co");
      await page.getByRole("button", { name: "Tìm" }).click();
      await expect(page.getByRole("status")).toHaveText(/Không có khóa học nào phù hợp/);
    });

    test("filters by audience, competence area and level", async ({ page }) => {
      await page.goto("/courses");
      await page.getByLabel("Dành cho").selectOption("officials");
      await page.getByLabel("Lĩnh vực năng lực").selectOption("5");
      await page.getByRole("button", { name: "Tìm" }).click();
      await expect(page).toHaveURL(/audience=officials/);
      await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Câu chuyện chuyển đổi số thành công ở địa phương"]);
      await page.getByRole("link", { name: "Bỏ lọc" }).click();
      await expect(page).toHaveURL(/\/courses$/);
      await expect.poll(() => page.getByRole("heading", { level: 2 }).count()).toBeGreaterThanOrEqual(8);
    });

    test("a learner reads a course from its outline to the next lesson", async ({ page }) => {
      await page.goto("/courses");
      await page.getByRole("link", { name: "Thanh toán trực tuyến" }).first().click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Thanh toán trực tuyến");
      await expect(page.getByText("41 phút · 1 tiết")).toBeVisible();
      const outline = page.getByRole("list", { name: "Nội dung khóa học" });
      await expect(outline.getByRole("listitem")).toHaveCount(5);

      await page.getByRole("link", { name: "Bắt đầu học" }).click();
      await expect(page).toHaveURL(/\/courses\/thanh-toan-truc-tuyen\/thanh-toan-khong-dung-tien-mat$/);
      await expect(page.getByText("Bài 1/5")).toBeVisible();
      await expect(page.getByRole("navigation", { name: "Trong bài này" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "Nguồn tham khảo" })).toBeVisible();

      await page.getByRole("link", { name: /Bài tiếp theo:/ }).click();
      await expect(page.getByText("Bài 2/5")).toBeVisible();
      await page.getByRole("link", { name: /Bài trước:/ }).click();
      await expect(page.getByText("Bài 1/5")).toBeVisible();
    });
  });
}

test("the lesson reader: contents, components, sources and Open Graph tags", async ({ page }) => {
  await page.goto("/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr");
  await expect(page).toHaveTitle("Trả tiền bằng mã QR và chuyển khoản · Thanh toán trực tuyến");
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute("content", /Trả tiền bằng mã QR/);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute("content", /\/courses\/thanh-toan-truc-tuyen\/thanh-toan-bang-ma-qr$/);
  await expect(page.getByText("8 phút đọc")).toBeVisible();
  await expect(page.locator("dfn", { hasText: "mã QR" })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Cẩn thận với mã QR bị dán đè" })).toBeVisible();

  // The table of contents jumps to its section.
  await page.getByRole("navigation", { name: "Trong bài này" }).getByRole("link", { name: "Các bước trả tiền bằng mã QR" }).click();
  await expect(page).toHaveURL(/#cac-buoc-tra-tien-bang-ma-qr$/);
});

test("the interface speaks English while the lesson stays in Vietnamese", async ({ page }) => {
  await page.goto("/courses/thanh-toan-truc-tuyen");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("link", { name: "Start learning" })).toBeVisible();
  await expect(page.getByText("41 min · 45-minute periods: 1")).toBeVisible();
  await page.getByRole("link", { name: "Start learning" }).click();
  await expect(page.getByText("Lesson 1 of 5")).toBeVisible();
  await expect(page.locator("article.lesson")).toHaveAttribute("lang", "vi");
  await page.goto("/courses?q=lua+dao");
  await expect(page.getByRole("status")).toContainText("Courses found:");
});

test("a missing lesson is a 404 that lists the course's lessons", async ({ page }) => {
  const response = await page.goto("/courses/thanh-toan-truc-tuyen/bai-khong-co");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await expect(page.getByText("Khóa học “Thanh toán trực tuyến” không có bài này.")).toBeVisible();
  await page.getByRole("link", { name: "Trả tiền bằng mã QR và chuyển khoản" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Trả tiền bằng mã QR và chuyển khoản");
});

test("a missing course is a 404", async ({ page }) => {
  const response = await page.goto("/courses/khong-co-khoa-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
});

test("unknown filter values are ignored, not errors", async ({ page }) => {
  const response = await page.goto("/courses?audience=aliens&area=99&level=guru");
  expect(response?.status()).toBe(200);
  expect(await page.getByRole("heading", { level: 2 }).count()).toBeGreaterThanOrEqual(8);
});

test("sitemap.xml lists courses and lessons at the public address", async ({ request, baseURL }) => {
  const response = await request.get("/sitemap.xml");
  expect(response.headers()["content-type"]).toContain("application/xml");
  const xml = await response.text();
  expect(xml).toContain(`<loc>${baseURL}/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr</loc>`);
});

for (const path of ["/courses", "/courses/thanh-toan-truc-tuyen", "/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr"]) {
  test(`${path} sends no MDX runtime and no schema library to the browser`, async ({ page }) => {
    // Bodies are read asynchronously: keep the promises as responses arrive, await them all at the end.
    const bodies: Promise<string>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") bodies.push(response.text());
    });
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const scripts = await Promise.all(bodies);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).not.toContain("_mdx_bundler");
      expect(script).not.toContain("ZodError");
    }
  });
}
