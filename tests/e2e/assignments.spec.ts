import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

const DEMO_PASSWORD = "hoc-so-demo-2026";
const COURSE = "thanh-toan-truc-tuyen";
// A ward no other test's accounts belong to: assigning here enrols nobody another test counts on.
const WARD = "hue-phuong-thuan-hoa";

async function signInAsHueManager(page: Page) {
  await page.goto("/sign-in?redirectTo=%2Fmanage%2Fassignments");
  await page.getByLabel("Email hoặc số điện thoại di động").fill("quanly@demo.hocso.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Khóa học bắt buộc" })).toBeVisible();
}

/** A day next year, as the date input takes it, and as the page shows it: one of its own, so that other runs' rows are not found instead. */
function dueDay() {
  const year = new Date().getUTCFullYear() + 1;
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  return { input: `${year}-${month}-${day}`, shown: `${day}/${month}/${year}` };
}

for (const javaScriptEnabled of [false, true]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("the Huế manager assigns a course to a ward with a due date, sees it, and withdraws it after confirming", async ({ page }) => {
      await signInAsHueManager(page);
      // A past date first: refused with a summary, and what was chosen is kept.
      await page.getByLabel("Khóa học", { exact: true }).selectOption(COURSE);
      await page.getByLabel("Đơn vị", { exact: true }).selectOption(WARD);
      await page.getByLabel("Ngày hạn").fill("2020-01-01");
      await page.getByRole("button", { name: "Giao khóa học" }).click();
      await expect(page.getByRole("alert")).toContainText("Chưa giao được: có 1 mục cần sửa bên dưới.");
      await expect(page.getByLabel("Ngày hạn")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Khóa học", { exact: true })).toHaveValue(COURSE);
      await expect(page.getByLabel("Đơn vị", { exact: true })).toHaveValue(WARD);

      const due = dueDay();
      await page.getByLabel("Ngày hạn").fill(due.input);
      await page.getByRole("button", { name: "Giao khóa học" }).click();
      await expect(page.getByRole("status")).toContainText("Đã giao khóa học cho");
      const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: "Phường Thuận Hóa", exact: true }) }).filter({ hasText: due.shown }).first();
      await expect(row).toContainText("Đang áp dụng");

      await row.getByRole("link").click();
      await expect(page.getByRole("heading", { level: 2, name: "Người phải học" })).toBeVisible();
      // Without the box ticked, nothing is withdrawn.
      await page.getByRole("button", { name: "Thu hồi" }).click();
      await expect(page.getByText("Hãy đánh dấu ô xác nhận trước khi thu hồi.")).toBeVisible();
      await page.getByLabel("Tôi hiểu và muốn thu hồi khóa học bắt buộc này").check();
      await page.getByRole("button", { name: "Thu hồi" }).click();
      await expect(page.getByRole("status")).toContainText("Đã thu hồi khóa học bắt buộc.");
    });
  });
}

test("a post forged to assign to another province's unit is a 403; the same post for the manager's own unit is accepted", async ({ page, baseURL }) => {
  await signInAsHueManager(page);
  const origin = new URL(baseURL!).origin;
  const post = (unitId: string) =>
    page.request.post("/manage/assignments", {
      headers: { Origin: origin },
      form: {
        courseSlug: COURSE,
        target: "unit",
        unitId,
        positions: "",
        learnerGroup: "",
        people: "",
        due: "days",
        dueDate: "",
        dueDays: "30",
      },
      maxRedirects: 0,
    });
  const forged = await post("lao-cai-so-khcn");
  expect(forged.status()).toBe(403);
  const own = await post(WARD);
  expect(own.status()).toBe(303);
  expect(own.headers()["location"]).toMatch(/^\/manage\/assignments\?created=\d+$/);
});
