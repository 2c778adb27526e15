import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LEARNER_PASSWORD as PASSWORD, newPhone } from "./learners";

const DEMO_PASSWORD = "hoc-so-demo-2026";

async function signIn(page: Page, identifier: string, password: string, { expectSuccess = true } = {}) {
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(identifier);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  if (expectSuccess) await expect(signOutButton(page)).toBeVisible();
}

const signOutButton = (page: Page) => page.getByRole("button", { name: "Đăng xuất", exact: true });

async function fillSignUp(page: Page, { identifier, name }: { identifier: string; name: string }) {
  await page.getByLabel("Email hoặc số điện thoại di động").fill(identifier);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Bạn là").selectOption("resident");
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Lào Cai" });
  await page.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`accounts with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("sign up with a phone number, sign out, sign in with the number written another way", async ({ page }) => {
      const phone = newPhone();
      await page.goto("/");
      await page.getByRole("link", { name: "Đăng ký" }).click();
      await fillSignUp(page, { identifier: phone.typed, name: "Vàng Thị Mỷ" });
      await page.getByRole("button", { name: "Tạo tài khoản" }).click();
      await expect(page).toHaveURL(/\/me$/);
      await expect(page.getByRole("link", { name: "Tài khoản: Vàng Thị Mỷ" })).toBeVisible();

      await signOutButton(page).click();
      await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
      await page.goto("/account");
      await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);

      await page.getByLabel("Email hoặc số điện thoại di động").fill(phone.international);
      await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
      await page.getByRole("button", { name: "Đăng nhập" }).click();
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole("heading", { level: 1, name: "Tài khoản của tôi" })).toBeVisible();
      // Personal pages are never kept by caches.
      const personal = await page.request.get("/account");
      expect(personal.headers()["cache-control"]).toBe("private, no-store");
      await expect(page.getByText(phone.typed)).toBeVisible();
    });

    test("a refused sign-up shows each error next to its field and keeps what was typed", async ({ page }) => {
      await page.goto("/sign-up");
      await page.getByLabel("Email hoặc số điện thoại di động").fill("0123");
      await page.getByLabel("Mật khẩu", { exact: true }).fill("ngan");
      await page.getByLabel("Họ và tên").fill("Hờ Văn Páo");
      await page.getByRole("button", { name: "Tạo tài khoản" }).click();

      await expect(page.getByLabel("Email hoặc số điện thoại di động")).toHaveValue("0123");
      await expect(page.getByLabel("Họ và tên")).toHaveValue("Hờ Văn Páo");
      // The server never sends a password back; the browser's own check leaves it where it was typed.
      if (!javaScriptEnabled) await expect(page.getByLabel("Mật khẩu", { exact: true })).toHaveValue("");
      await expect(page.getByText("Hãy nhập một địa chỉ email hoặc một số điện thoại di động Việt Nam")).toBeVisible();
      await expect(page.getByText("Mật khẩu cần ít nhất 8 ký tự.")).toBeVisible();
      await expect(page.getByText("Cần đồng ý lưu kết quả học tập để tạo tài khoản.")).toBeVisible();
      await expect(page.getByLabel("Email hoặc số điện thoại di động")).toHaveAttribute("aria-invalid", "true");
    });
  });
}

test("with JavaScript the same schema answers before anything is sent", async ({ page }) => {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.goto("/sign-up");
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByText("Bạn chưa điền mục này.").first()).toBeVisible();
  await expect(page.getByLabel("Email hoặc số điện thoại di động")).toBeFocused();
  expect(posts).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sign up with an email address as an official of a unit", async ({ page }) => {
    const email = `can-bo-${Date.now()}@example.vn`;
    await page.goto("/sign-up");
    await page.getByLabel("Email hoặc số điện thoại di động").fill(email);
    await page.getByLabel("Mật khẩu", { exact: true }).fill(PASSWORD);
    await page.getByLabel("Họ và tên").fill("Trần Thị Thu");
    await page.getByLabel("Bạn là").selectOption("official");
    await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Huế" });
    await page.getByLabel("Cơ quan, đơn vị", { exact: true }).selectOption("hue-so-noi-vu");
    await page.getByLabel("Chức vụ, vị trí việc làm").fill("Chuyên viên");
    await page.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
    await page.getByLabel("Chia sẻ tiến độ học với cơ quan, đơn vị của tôi (không bắt buộc)").check();
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page).toHaveURL(/\/me$/);

    await page.getByRole("link", { name: "Tài khoản: Trần Thị Thu" }).click();
    await expect(page.getByText(email)).toBeVisible();
    await expect(page.getByLabel("Cơ quan, đơn vị", { exact: true })).toHaveValue("hue-so-noi-vu");
    await expect(page.getByLabel("Chia sẻ tiến độ học với cơ quan, đơn vị của tôi (không bắt buộc)")).toBeChecked();

    // A second sign-up with the same address is refused with a message, not a crash.
    await signOutButton(page).click();
    await page.goto("/sign-up");
    await fillSignUp(page, { identifier: email.toUpperCase(), name: "Kẻ Mạo Danh" });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await expect(page.getByText("Không thể tạo tài khoản với email hoặc số điện thoại này.")).toBeVisible();
    await expect(page.getByLabel("Họ và tên")).toHaveValue("Kẻ Mạo Danh");
  });

  test("consents change on the account page; the data download holds them", async ({ page }) => {
    const phone = newPhone();
    await page.goto("/sign-up");
    await fillSignUp(page, { identifier: phone.typed, name: "Giàng A Tủa" });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.goto("/account");
    await page.getByLabel("Dùng dữ liệu của tôi cho thống kê ẩn danh (không bắt buộc)").check();
    await page.getByRole("button", { name: "Lưu lựa chọn" }).click();
    await expect(page.getByRole("status")).toHaveText("Đã lưu thay đổi.");
    await expect(page.getByLabel("Dùng dữ liệu của tôi cho thống kê ẩn danh (không bắt buộc)")).toBeChecked();

    const response = await page.request.get("/account/data.json");
    expect(response.headers()["content-disposition"]).toMatch(/attachment/);
    const data = (await response.json()) as { account: { phone: string; consents: { purpose: string; granted: boolean }[] } };
    expect(data.account.phone).toBe(phone.international);
    expect(data.account.consents).toContainEqual(expect.objectContaining({ purpose: "statistics", granted: true }));
  });

  test("deleting one's account needs the password and signs out", async ({ page }) => {
    const phone = newPhone();
    await page.goto("/sign-up");
    await fillSignUp(page, { identifier: phone.typed, name: "Người Sẽ Rời Đi" });
    await page.getByRole("button", { name: "Tạo tài khoản" }).click();
    await page.goto("/account");
    await page.getByRole("link", { name: "Xóa tài khoản" }).click();
    await page.getByLabel("Mật khẩu hiện tại").fill("sai-mat-khau-roi");
    await page.getByRole("button", { name: "Xóa vĩnh viễn tài khoản của tôi" }).click();
    await expect(page.getByText("Mật khẩu hiện tại không đúng.")).toBeVisible();
    await page.getByLabel("Mật khẩu hiện tại").fill(PASSWORD);
    await page.getByRole("button", { name: "Xóa vĩnh viễn tài khoản của tôi" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Đã xóa tài khoản" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Đăng nhập" })).toBeVisible();
    await signIn(page, phone.typed, PASSWORD, { expectSuccess: false });
    await expect(page.getByRole("alert")).toHaveText("Email, số điện thoại hoặc mật khẩu không đúng.");
  });
});

test("reset a forgotten password with the link from the outbox", async ({ page, browser }) => {
  const email = `quen-${Date.now()}@example.vn`;
  await page.goto("/sign-up");
  await fillSignUp(page, { identifier: email, name: "Lý Thị Quên" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await signOutButton(page).click();

  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Quên mật khẩu?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Lấy lại mật khẩu" })).toBeVisible();
  await page.getByLabel("Email hoặc số điện thoại di động").fill(email);
  await page.getByRole("button", { name: "Gửi liên kết" }).click();
  await expect(page.getByRole("status")).toContainText(`Nếu ${email} là tài khoản trên Học Số`);

  // No mail server here: the admin reads the outbox.
  const admin = await browser.newPage();
  await signIn(admin, "quantri@demo.hocso.vn", DEMO_PASSWORD);
  await admin.goto("/admin/outbox");
  const message = admin.getByRole("article").filter({ hasText: email }).first();
  const body = await message.locator("pre").textContent();
  const link = /https?:\/\/\S+\/reset-password\?token=[\w-]+/.exec(body ?? "")?.[0];
  expect(link).toBeDefined();
  await admin.close();

  await page.goto(link!);
  await page.getByLabel("Mật khẩu mới").fill("mat-khau-moi-that-dai");
  await page.getByRole("button", { name: "Lưu mật khẩu mới" }).click();
  await expect(page).toHaveURL(/\/sign-in\?reset=done$/);
  await expect(page.getByRole("status")).toContainText("Đã đặt mật khẩu mới.");

  await page.getByLabel("Email hoặc số điện thoại di động").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill("mat-khau-moi-that-dai");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("link", { name: "Tài khoản: Lý Thị Quên" })).toBeVisible();

  // The link worked once.
  await page.goto(link!);
  await expect(page.getByText("Liên kết này không dùng được nữa")).toBeVisible();
});

test("role-protected pages send visitors to sign in and answer 403 to the wrong role", async ({ page }) => {
  const anonymous = await page.goto("/admin/users");
  expect(anonymous?.url()).toMatch(/\/sign-in\?redirectTo=%2Fadmin%2Fusers$/);

  await page.getByLabel("Email hoặc số điện thoại di động").fill("0912 345 678");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bạn không có quyền xem trang này");
  const response = await page.goto("/admin/outbox");
  expect(response?.status()).toBe(403);
});

test("a unit manager sees the learners of their unit only, and can make a reset link", async ({ page }) => {
  await signIn(page, "quanly@demo.hocso.vn", DEMO_PASSWORD);
  await page.getByRole("link", { name: "Quản lý đào tạo" }).click();
  await page.getByRole("navigation", { name: "Quản lý đào tạo" }).getByRole("link", { name: "Người học của đơn vị" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Người học của đơn vị" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Trần Văn Minh" })).toBeVisible();
  // The demo resident lives in Lào Cai and belongs to no unit of Huế.
  await expect(page.getByRole("link", { name: "Nguyễn Thị Lan" })).toHaveCount(0);
  expect((await page.goto("/admin/audit"))?.status()).toBe(403);

  await page.goto("/admin/users");
  await page.getByRole("link", { name: "Trần Văn Minh" }).click();
  await page.getByRole("button", { name: "Tạo liên kết đặt lại mật khẩu" }).click();
  await expect(page.getByRole("status")).toContainText("/reset-password?token=");
});

test("an admin finds a user ignoring diacritics, changes the role, and the audit log shows it", async ({ page }) => {
  const phone = newPhone();
  await page.goto("/sign-up");
  await fillSignUp(page, { identifier: phone.typed, name: "Đỗ Thị Giảng" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await signOutButton(page).click();

  await signIn(page, "quantri@demo.hocso.vn", DEMO_PASSWORD);
  await page.goto("/admin/users");
  await page.getByRole("searchbox", { name: "Tìm theo tên, email hoặc số điện thoại" }).fill("do thi giang");
  await page.getByRole("button", { name: "Tìm" }).click();
  // The row with this test's number: a server kept between runs may hold an earlier Đỗ Thị Giảng.
  await page.getByRole("row").filter({ hasText: phone.typed }).getByRole("link", { name: "Đỗ Thị Giảng" }).click();
  await page.getByLabel("Vai trò").selectOption("trainer");
  await page.getByRole("button", { name: "Lưu vai trò" }).click();
  await expect(page.getByRole("definition").filter({ hasText: "Người hướng dẫn" })).toBeVisible();

  await page.getByRole("link", { name: "Nhật ký thay đổi" }).click();
  await expect(page.getByRole("cell", { name: "role.changed" }).first()).toBeVisible();
});

test("a cross-origin form post is refused", async ({ request }) => {
  const response = await request.post("/sign-in", {
    headers: { Origin: "https://ke-gian.example" },
    form: { identifier: "0912345678", password: DEMO_PASSWORD },
  });
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("signing in with an unknown account looks the same as with a wrong password", async ({ page }) => {
  const answers = [];
  for (const identifier of ["0912 345 678", "0399 999 999"]) {
    await page.goto("/sign-in");
    await page.getByLabel("Email hoặc số điện thoại di động").fill(identifier);
    await page.getByLabel("Mật khẩu", { exact: true }).fill("khong-phai-mat-khau");
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Đăng nhập" }).click(),
    ]);
    await expect(page.getByRole("alert")).toBeVisible();
    answers.push({ status: response.status(), alert: await page.getByRole("alert").textContent() });
  }
  expect(answers[0]).toEqual(answers[1]);
  expect(answers[0]).toEqual({ status: 400, alert: "Email, số điện thoại hoặc mật khẩu không đúng." });
});

test("a stranger's wrong passwords do not stop the owner signing in on a device they used before", async ({ page, request, baseURL }) => {
  const phone = newPhone();
  await page.goto("/sign-up");
  await fillSignUp(page, { identifier: phone.typed, name: "Chủ Tài Khoản" });
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await signOutButton(page).click();
  const device = (await page.context().cookies()).find((c) => c.name === "hocso_device");
  expect(device).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });

  // Someone else, elsewhere, guesses until the account makes them wait.
  const guess = (password: string) =>
    request.post("/sign-in", { headers: { Origin: baseURL! }, form: { identifier: phone.international, password }, maxRedirects: 0 });
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await guess(`doan-mo-${i}`)).status());
  expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
  // Without the device cookie even the right password waits: guessing stays slow.
  expect((await guess(PASSWORD)).status()).toBe(429);

  await signIn(page, phone.typed, PASSWORD);
});

test("the first-admin page says when its link cannot be used", async ({ page }) => {
  // This server has the demo admin, so no setup link works.
  const response = await page.goto("/setup?token=khong-con-dung");
  expect(response?.headers()["cache-control"]).toBe("private, no-store");
  await expect(page.getByRole("heading", { level: 1, name: "Tạo tài khoản quản trị đầu tiên" })).toBeVisible();
  await expect(page.getByText("Liên kết này không dùng được: đã có quản trị viên")).toBeVisible();
  await expect(page.getByRole("button", { name: "Tạo tài khoản quản trị" })).toHaveCount(0);
});
