import type { Browser } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signUpResident } from "./learners";
import { completeCertifiedCourse, DEMO_PASSWORD, signInAsAdmin } from "./certified";

/** A learner, in a browser of their own, signs up and completes a course with a certificate. */
async function certifiedLearner(browser: Browser, name: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await signUpResident(page, { name, province: "Huế", prefix: "0359" });
    await completeCertifiedCourse(page);
  } finally {
    await context.close();
  }
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`certificates with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("an admin finds a certificate by its serial and revokes it with a reason; the audit log says so", async ({ page, browser, javaScriptEnabled }) => {
      test.setTimeout(180_000);
      // A name of this run's own: a server kept between runs holds earlier learners.
      const holder = `Người Nhận Chứng Nhận ${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
      await certifiedLearner(browser, holder);

      await signInAsAdmin(page);
      await page.getByRole("link", { name: "Quản trị" }).click();
      await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Chứng nhận" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Chứng nhận" })).toBeVisible();
      // Newest first: the learner's certificate is on the first page; read its serial as an admin would.
      const listed = page.getByRole("row").filter({ hasText: holder });
      await expect(listed).toContainText("Sử dụng dịch vụ công trực tuyến");
      await expect(listed).toContainText("Hợp lệ");
      const serial = (await listed.getByRole("link").textContent())!;
      expect(serial).toMatch(/^HS-\d{4}-\d{6}$/);

      await page.getByRole("searchbox", { name: "Tìm theo số hiệu, mã tra cứu hoặc mã công khai" }).fill(serial.toLowerCase());
      await page.getByRole("button", { name: "Tìm" }).click();
      await expect(page.getByRole("status")).toHaveText("1 chứng nhận");
      await page.getByRole("link", { name: serial }).click();

      await expect(page.getByRole("heading", { level: 1, name: `Chứng nhận ${serial}` })).toBeVisible();
      await expect(page.getByRole("definition").filter({ hasText: holder })).toBeVisible();
      await expect(page.getByRole("link", { name: "Mở trang xác minh công khai" })).toHaveAttribute("href", /^\/certificates\/[\w-]{22}$/);

      // Too short and unconfirmed: refused, with what was typed kept (by the browser with JavaScript, by the server without).
      const revoke = page.getByRole("button", { name: "Thu hồi chứng nhận này" });
      await page.getByLabel("Lý do thu hồi").fill("ok");
      await revoke.click();
      await expect(page.getByText("Nội dung quá ngắn: cần ít nhất 3 ký tự.")).toBeVisible();
      await expect(page.getByText("Hãy đánh dấu ô xác nhận nếu bạn chắc chắn.")).toBeVisible();
      await expect(page.getByLabel("Lý do thu hồi")).toHaveValue("ok");
      if (javaScriptEnabled) await expect(page.getByLabel("Lý do thu hồi")).toBeFocused();
      // Checked now: once revoked, this address no longer shows the forms when visited pages are checked at the end (axe itself needs JavaScript).
      if (javaScriptEnabled) await expectAccessible(page);

      await page.getByLabel("Lý do thu hồi").fill("Cấp nhầm: người học đã nhờ người khác làm bài kiểm tra.");
      await page.getByLabel("Tôi hiểu chứng nhận sẽ bị thu hồi và không thể hoàn tác").check();
      await revoke.click();
      await expect(page.getByRole("status")).toHaveText("Đã thu hồi chứng nhận. Trang xác minh công khai giờ hiện trạng thái “đã thu hồi”.");
      await expect(page).toHaveURL(/\?done=revoked$/);
      await expect(page.getByText("Đã thu hồi", { exact: true })).toBeVisible();
      await expect(page.getByRole("definition").filter({ hasText: "Cấp nhầm: người học đã nhờ người khác làm bài kiểm tra." })).toBeVisible();
      // Nothing left to revoke, and a revoked certificate is not reissued.
      await expect(revoke).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Cấp lại chứng nhận" })).toHaveCount(0);

      await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Nhật ký thay đổi" }).click();
      const event = page.getByRole("row").filter({ hasText: serial }).filter({ hasText: "certificate.revoked" });
      await expect(event.getByRole("cell", { name: "Thu hồi chứng nhận" })).toBeVisible();
    });
  });
}

test("a unit manager has no certificate pages", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill("quanly@demo.hocso.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  // Managers have no admin link in the header; their learners' list is under the admin pages all the same.
  await expect(page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Quản trị" })).toHaveCount(0);
  await page.getByRole("link", { name: "Quản lý đào tạo" }).click();
  await page.getByRole("navigation", { name: "Quản lý đào tạo" }).getByRole("link", { name: "Người học của đơn vị" }).click();
  await expect(page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Người học của đơn vị" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Chứng nhận" })).toHaveCount(0);
  expect((await page.goto("/admin/certificates"))?.status()).toBe(403);
});
