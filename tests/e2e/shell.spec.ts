import { expect, test } from "./fixtures";

test("the home page speaks Vietnamese and says who Học Số is for", async ({ page }) => {
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Học kỹ năng số, từng bước một");
  for (const audience of ["Người dân", "Cán bộ, công chức", "Người hướng dẫn"]) {
    await expect(page.getByRole("heading", { name: audience })).toBeVisible();
  }
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" })).toBeVisible();
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`language switch, JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("switches to English, is remembered, and switches back", async ({ page }) => {
      await page.goto("/courses?q=x");
      await page.getByRole("button", { name: "English" }).click();
      // Back on the page the reader was on, now in English.
      await expect(page).toHaveURL(/\/courses\?q=x$/);
      await expect(page.locator("html")).toHaveAttribute("lang", "en");

      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Learn digital skills, one step at a time");
      await expect(page.getByRole("link", { name: "Courses", exact: true })).toBeVisible();

      await page.getByRole("button", { name: "Tiếng Việt" }).click();
      await expect(page.locator("html")).toHaveAttribute("lang", "vi");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Học kỹ năng số, từng bước một");
    });
  });
}

test("an unknown address shows the not-found page with status 404, in the reader's language", async ({ page }) => {
  const response = await page.goto("/khong-co-trang-nay");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Không tìm thấy trang");
  await expect(page.getByRole("link", { name: "Về trang chủ" })).toBeVisible();
});
