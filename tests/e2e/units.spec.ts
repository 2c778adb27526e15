import { expect, expectAccessible, test } from "./fixtures";
import { signInAsAdmin } from "./certified";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`the unit list with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("an admin uploads a list with one bad row, reads the report by line, imports the valid rows and finds the new unit", async ({ page, javaScriptEnabled }) => {
      // Ids and names of this run's own: a server kept between runs holds earlier imports.
      const suffix = Math.random().toString(36).slice(2, 8);
      const teamName = `Tổ công nghệ số cộng đồng phường Kim Long ${suffix.toUpperCase()}`;
      const csv = [
        "id,code,name,kind,parent,province,valid_from,valid_to,successor,target_hours",
        `hue-kim-long-to-${suffix},,${teamName},team,hue-phuong-kim-long,,2026-01-01,,,`,
        `hue-to-sai-${suffix},,Tổ đặt sai chỗ,team,46,,,,,`,
      ].join("\r\n");

      await signInAsAdmin(page);
      await page.getByRole("link", { name: "Quản trị" }).click();
      await page.getByRole("navigation", { name: "Quản trị" }).getByRole("link", { name: "Đơn vị" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Đơn vị" })).toBeVisible();
      // Without diacritics, as people type.
      await page.getByRole("searchbox", { name: "Tìm theo tên hoặc mã" }).fill("thuan hoa");
      await page.getByRole("button", { name: "Lọc" }).click();
      await expect(page.getByRole("row").filter({ has: page.getByRole("link", { name: "Phường Thuận Hóa", exact: true }) })).toContainText("19789");

      await page.getByRole("link", { name: "Nhập danh sách từ tệp CSV" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Nhập danh sách đơn vị" })).toBeVisible();
      await page.getByLabel("Tệp CSV").setInputFiles({ name: "don-vi-kim-long.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${csv}`, "utf8") });
      await page.getByRole("button", { name: "Kiểm tra tệp" }).click();

      await expect(page.getByRole("heading", { name: "Kết quả kiểm tra tệp don-vi-kim-long.csv" })).toBeVisible();
      const rejected = page.getByRole("row").filter({ hasText: `hue-to-sai-${suffix}` });
      await expect(rejected.getByRole("cell").first()).toHaveText("3");
      await expect(rejected).toContainText("tổ công nghệ số thuộc xã phường");
      await expect(page.getByRole("row").filter({ hasText: teamName })).toContainText("Thêm mới");
      if (javaScriptEnabled) await expectAccessible(page);

      // Not told to skip the bad row: nothing is written.
      await page.getByRole("button", { name: "Nhập vào danh sách đơn vị" }).click();
      await expect(page.getByRole("alert")).toContainText("Chưa ghi gì: 1 dòng bị từ chối");

      await page.getByLabel("Nhập các dòng hợp lệ và bỏ qua 1 dòng bị từ chối").check();
      await page.getByRole("button", { name: "Nhập vào danh sách đơn vị" }).click();
      await expect(page.getByRole("status")).toHaveText("Đã nhập danh sách đơn vị.");
      await expect(page.getByRole("button", { name: "Nhập vào danh sách đơn vị" })).toHaveCount(0);

      await page.getByRole("link", { name: "Đơn vị", exact: true }).first().click();
      await page.getByRole("searchbox", { name: "Tìm theo tên hoặc mã" }).fill(`kim long ${suffix}`);
      await page.getByRole("button", { name: "Lọc" }).click();
      await expect(page.getByRole("status")).toHaveText("1 đơn vị");
      await page.getByRole("link", { name: teamName }).click();
      await expect(page.getByRole("heading", { level: 1, name: teamName })).toBeVisible();
      await expect(page.getByRole("link", { name: "Phường Kim Long" })).toBeVisible();
      await expect(page.getByText("30 giờ mỗi năm, theo Thành phố Huế")).toBeVisible();
    });
  });
}
