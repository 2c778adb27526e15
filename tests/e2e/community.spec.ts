import { expect, test } from "./fixtures";
import { CERTIFIED_COURSE, signInAsAdmin } from "./certified";
import { LEARNER_PASSWORD, newPhone } from "./learners";

/** Vietnam's month now, as the statistics show it: "03/2026". */
const thisMonth = () => {
  const [year, month] = new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Ho_Chi_Minh",
    year: "numeric",
    month: "2-digit",
  })
    .format(new Date())
    .split("-");
  return `${month}/${year}`;
};

for (const javaScriptEnabled of [true, false]) {
  test.describe(`resident statistics and the audit log with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });
    test("an admin reads resident statistics with small counts hidden, and the audit log in words", async ({ page, browser }) => {
      test.setTimeout(240_000);
      // Names of this run's own: a server kept between runs holds earlier residents.
      const run = Math.random().toString(36).slice(2, 8).toUpperCase();
      const name = `Người Dân Thống Kê ${run}`;
      const commune = `Phường Thử Nghiệm ${run}`;

      // Five residents, each in a browser of their own, sign up agreeing to statistics and type the same commune
      // (a commune typed by fewer is not shown by name); three enrol in the course.
      for (let i = 0; i < 5; i++) {
        const context = await browser.newContext();
        const resident = await context.newPage();
        try {
          await resident.goto("/sign-up");
          await resident.getByLabel("Email hoặc số điện thoại di động").fill(newPhone("0356").typed);
          await resident.getByLabel("Mật khẩu", { exact: true }).fill(LEARNER_PASSWORD);
          await resident.getByLabel("Họ và tên").fill(i === 0 ? name : `Người Hàng Xóm ${run} ${i}`);
          await resident.getByLabel("Bạn là").selectOption("resident");
          await resident.getByLabel("Tỉnh, thành phố").selectOption({ label: "Huế" });
          await resident.getByLabel("Xã, phường, đặc khu").fill(i % 2 ? commune.toLowerCase() : commune);
          await resident.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
          await resident.getByLabel("Dùng dữ liệu của tôi cho thống kê ẩn danh (không bắt buộc)").check();
          await resident.getByRole("button", { name: "Tạo tài khoản" }).click();
          await expect(resident.getByRole("button", { name: "Đăng xuất", exact: true })).toBeVisible();
          if (i < 3) {
            await resident.goto(`/courses/${CERTIFIED_COURSE.slug}`);
            await resident.getByRole("button", { name: "Ghi danh để lưu tiến độ" }).click();
            await expect(resident.getByText("Đã xong 0/6 bài")).toBeVisible();
          }
        } finally {
          await context.close();
        }
      }

      await signInAsAdmin(page);
      await page.goto("/manage");
      await page.getByRole("navigation", { name: "Quản lý đào tạo" }).getByRole("link", { name: "Thống kê người dân" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Thống kê người dân" })).toBeVisible();
      await expect(page.getByText("Số từ 1 đến 4 được ghi là “< 5”")).toBeVisible();

      // Three learners in that commune: a count, hidden as "< 5", never a name.
      const group = page.getByRole("rowgroup").filter({ hasText: `${commune} (người dân tự ghi khi đăng ký)` });
      const row = group.getByRole("row").filter({ hasText: CERTIFIED_COURSE.title });
      await expect(row.getByRole("cell").nth(1)).toHaveText("< 5");
      await expect(page.getByText(name)).toHaveCount(0);

      // Filtered to the course, by the form (a GET: the address says what is shown).
      await page.getByLabel("Khóa học").selectOption({ label: CERTIFIED_COURSE.title });
      await page.getByRole("button", { name: "Xem thống kê" }).click();
      await expect(page).toHaveURL(new RegExp(`course=${CERTIFIED_COURSE.slug}`));
      await page
        .getByRole("link", {
          name: `${commune} (người dân tự ghi khi đăng ký)`,
        })
        .click();
      const detail = page.getByRole("table", {
        name: new RegExp(`^Theo tháng: ${commune}`),
      });
      await expect(detail.getByRole("row").filter({ hasText: thisMonth() }).getByRole("cell").nth(1)).toHaveText("< 5");

      // A month range that makes no sense: said plainly, with what was chosen kept.
      await page.getByLabel("Từ tháng").fill("2026-12");
      await page.getByLabel("Đến tháng").fill("2026-01");
      await page.getByRole("button", { name: "Xem thống kê" }).click();
      await expect(page.getByText("Khoảng tháng không hợp lệ")).toBeVisible();
      await expect(page.getByLabel("Từ tháng")).toHaveValue("2026-12");

      // The teams' page: the admin's scope is the whole country; whatever teams there are, it reads (and passes axe).
      await page.goto("/manage/team");
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: "Tổ công nghệ số cộng đồng",
        })
      ).toBeVisible();
      await expect(page.getByText("Tiến độ học của một người chỉ hiện khi người đó đồng ý chia sẻ với đơn vị.", { exact: false })).toBeVisible();

      // The audit log: the resident's sign-up, found by name without diacritics, in words.
      await page.goto("/admin/audit");
      await page.getByLabel("Loại thay đổi").selectOption({ label: "Tạo tài khoản" });
      await page.getByLabel("Tên người thực hiện hoặc tài khoản").fill(`nguoi dan thong ke ${run.toLowerCase()}`);
      await page.getByRole("button", { name: "Lọc" }).click();
      await expect(page.getByRole("status")).toHaveText("1 sự kiện");
      const event = page.getByRole("row").filter({ hasText: "account.created" });
      await expect(event.getByRole("link", { name: `Lọc theo ${name}` })).toHaveCount(2);
      await expect(event.getByRole("term").filter({ hasText: "Dùng cho thống kê" })).toBeVisible();
      await expect(event.getByRole("definition").filter({ hasText: /^đồng ý$/ })).toHaveCount(2);
      await expect(event.getByRole("definition").filter({ hasText: /^không đồng ý$/ })).toHaveCount(1);
      // The raw record is there for those who need it, folded away.
      const raw = event.getByText('"statistics":true');
      await expect(raw).toBeHidden();
      await event.getByText("Dữ liệu gốc").click();
      await expect(raw).toBeVisible();
    });
  });
}
