import crypto from "node:crypto";
import path from "node:path";
import Database from "better-sqlite3";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { LEARNER_PASSWORD } from "./learners";

// The server the config starts keeps its data here (playwright.config.ts).
const databaseFile = path.resolve(import.meta.dirname, "../.tmp/e2e.db");

const DAY_MS = 24 * 60 * 60 * 1000;
const required = { slug: "thanh-toan-truc-tuyen", title: "Thanh toán trực tuyến" };
const overdue = { slug: "dich-vu-cong-truc-tuyen", title: "Sử dụng dịch vụ công trực tuyến" };

/** A day in Vietnam's calendar, as YYYY-MM-DD and as the learner reads it (dd/mm/yyyy). */
function vietnamDay(date: Date) {
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(date);
  const [y, m, d] = iso.split("-");
  return { iso, shown: `${d}/${m}/${y}` };
}

/**
 * What a manager's assignment leaves for one person: an assignment and the
 * person's row, due at the end of `day` in Vietnam. Written straight to the
 * server's database, as the assignment pages are not what this test is about.
 */
function assign(email: string, courseSlug: string, day: string) {
  const db = new Database(databaseFile);
  try {
    db.pragma("busy_timeout = 5000");
    const user = db.prepare("SELECT id FROM User WHERE email = ?").get(email) as { id: string } | undefined;
    if (!user) throw new Error(`no account ${email}`);
    const dueAt = new Date(`${day}T23:59:59.999+07:00`).toISOString().replace("Z", "+00:00");
    const now = new Date().toISOString().replace("Z", "+00:00");
    const id = `e2e-${crypto.randomUUID()}`;
    db.transaction(() => {
      db.prepare("INSERT INTO Assignment (id, courseSlug, dueDate, createdAt) VALUES (?, ?, ?, ?)").run(id, courseSlug, dueAt, now);
      db.prepare("INSERT INTO LearnerAssignment (assignmentId, userId, courseSlug, assignedAt, dueAt) VALUES (?, ?, ?, ?, ?)").run(id, user.id, courseSlug, now, dueAt);
    })();
  } finally {
    db.close();
  }
}

async function signUpOfficial(page: Page, email: string) {
  await page.goto("/sign-up");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(LEARNER_PASSWORD);
  await page.getByLabel("Họ và tên").fill("Lê Thị Hạn");
  await page.getByLabel("Bạn là").selectOption("official");
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Huế" });
  await page.getByLabel("Cơ quan, đơn vị", { exact: true }).selectOption("hue-so-noi-vu");
  await page.getByLabel("Chức vụ, vị trí việc làm").fill("Chuyên viên");
  await page.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/me$/);
}

test("an official with required courses signs in, lands on /me and sees them there, in the catalogue and on the course page", async ({ page }) => {
  const email = `bat-buoc-${Date.now()}-${crypto.randomInt(1e6)}@example.vn`;
  await signUpOfficial(page, email);
  // Nothing required yet: the section says so.
  await expect(page.getByRole("heading", { level: 2, name: "Khóa học bắt buộc" })).toBeVisible();
  await expect(page.getByText("Bạn chưa có khóa học bắt buộc nào.")).toBeVisible();

  const due = vietnamDay(new Date(Date.now() + 60 * DAY_MS));
  const late = vietnamDay(new Date(Date.now() - 10 * DAY_MS));
  assign(email, required.slug, due.iso);
  // Required twice: the earlier due date is the one that counts.
  assign(email, required.slug, vietnamDay(new Date(Date.now() + 90 * DAY_MS)).iso);
  assign(email, overdue.slug, late.iso);

  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(LEARNER_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page).toHaveURL(/\/me$/);

  const section = page.getByRole("region", { name: "Khóa học bắt buộc" });
  const cards = section.getByRole("listitem");
  // Most urgent first: the overdue course, said in words.
  await expect(cards.nth(0).getByRole("heading", { name: overdue.title })).toBeVisible();
  await expect(cards.nth(0).getByText(`Quá hạn · hạn ${late.shown}`)).toBeVisible();
  await expect(cards.nth(1).getByRole("heading", { name: required.title })).toBeVisible();
  await expect(cards.nth(1).getByText(`Bắt buộc · hạn ${due.shown}`, { exact: true })).toBeVisible();
  // Progress is not shared with the unit: the learner is told, and where to change it.
  await expect(section.getByText("người quản lý của đơn vị bạn không xem được bạn đã học đến đâu")).toBeVisible();
  await expect(section.getByRole("link", { name: "Thay đổi trong trang Tài khoản" })).toHaveAttribute("href", "/account");

  // Not enrolled yet: the next step is the course page, which marks it too.
  await cards.nth(1).getByRole("link", { name: "Vào khóa học để ghi danh" }).click();
  await expect(page.getByRole("heading", { level: 1, name: required.title })).toBeVisible();
  const marks = page.getByRole("list", { name: "Khóa học này với bạn" });
  await expect(marks.getByText(`Bắt buộc · hạn ${due.shown}`)).toBeVisible();
  await page.getByRole("button", { name: "Ghi danh để lưu tiến độ" }).click();
  await expect(marks.getByText("Đang học")).toBeVisible();

  await page.goto("/courses");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: required.title }) });
  await expect(card.getByRole("list", { name: "Khóa học này với bạn" })).toContainText(`Bắt buộc · hạn ${due.shown}`);
  await expect(card.getByText("Đang học")).toBeVisible();
  const lateCard = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 2, name: overdue.title }) });
  await expect(lateCard.getByText(`Quá hạn · hạn ${late.shown}`)).toBeVisible();

  await page.goto(`/courses/${overdue.slug}`);
  await expect(page.getByRole("list", { name: "Khóa học này với bạn" }).getByText(`Quá hạn · hạn ${late.shown}`)).toBeVisible();

  // Back on /me, the enrolled course shows its progress and the next lesson.
  await page.goto("/me");
  await expect(section.getByRole("listitem").nth(1).getByRole("link", { name: /^Học tiếp/ })).toBeVisible();
});

test("signed out, the catalogue and course pages mark nothing", async ({ page }) => {
  await page.goto("/courses");
  await expect(page.getByRole("heading", { level: 1, name: "Khóa học" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Khóa học này với bạn" })).toHaveCount(0);
  await page.goto(`/courses/${required.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: required.title })).toBeVisible();
  await expect(page.getByRole("list", { name: "Khóa học này với bạn" })).toHaveCount(0);
});
