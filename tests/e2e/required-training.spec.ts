/**
 * Required training from end to end, as the people involved do it: an admin
 * assigns a course to a province; an official of a ward in it signs in,
 * lands on /me, sees it required with its due date, completes it and gets
 * the certificate; the province's manager sees the completion, drills down
 * to the ward and the person, and downloads CSV and XLSX whose totals are
 * the screen's; a manager of another province is refused the same
 * addresses.
 *
 * Hà Nội, which no other test's accounts belong to: the assignment enrols
 * every official of the province, and no other test must find a course on
 * its /me that it did not expect.
 */
import crypto from "node:crypto";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { CERTIFIED_COURSE, completeCertifiedCourse, DEMO_PASSWORD, signInAsAdmin } from "./certified";
import { expect, test } from "./fixtures";
import { LEARNER_PASSWORD } from "./learners";

const PROVINCE = { id: "01", name: "Thành phố Hà Nội" };
const WARD = { id: "ha-noi-phuong-cau-giay", name: "Phường Cầu Giấy" };

/** Letters only (names are letters), different on every run so a kept server's earlier people are not found instead. */
function suffix() {
  const letters = "abcdeghiklmnopqrstuvxy";
  return Array.from(crypto.randomBytes(6), (b) => letters[b % letters.length]).join("");
}

async function signUpOfficial(page: Page, person: { email: string; name: string; unitId: string }) {
  await page.goto("/sign-up");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(person.email);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(LEARNER_PASSWORD);
  await page.getByLabel("Họ và tên").fill(person.name);
  await page.getByLabel("Bạn là").selectOption("official");
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: "Hà Nội" });
  await page.getByLabel("Cơ quan, đơn vị", { exact: true }).selectOption(person.unitId);
  await page.getByLabel("Chức vụ, vị trí việc làm").fill("Công chức");
  await page.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
  await page.getByLabel("Chia sẻ tiến độ học với cơ quan, đơn vị của tôi (không bắt buộc)").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page).toHaveURL(/\/me$/);
  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();
}

async function signIn(page: Page, identifier: string, password: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(identifier);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất", exact: true })).toBeVisible();
}

/** "1.234,5" as the Vietnamese page writes numbers; "–" (no score) stays text. */
function vietnameseNumber(text: string): number | string {
  const trimmed = text.trim();
  if (!/^[\d.,]+$/.test(trimmed)) return trimmed;
  return Number(trimmed.replace(/\./g, "").replace(",", "."));
}

/** The totals row of the table on screen, as numbers: people, assigned, not shared, started, completed, overdue, score, certificates, hours. */
async function screenTotals(page: Page) {
  const cells = await page.locator("table tfoot tr").first().locator("td").allInnerTexts();
  return cells.map((cell, i) => (i === 5 ? Number(/\d[\d.]*/.exec(cell)?.[0]?.replace(/\./g, "") ?? 0) : vietnameseNumber(cell)));
}

/** A file's totals row in the same order (the overdue column is a number in files, words on screen). */
function fileTotals(row: unknown[]) {
  return row.slice(1).map((cell) => (cell === null || cell === undefined || cell === "" ? "–" : typeof cell === "number" ? cell : vietnameseNumber(String(cell))));
}

/** The values a CSV line holds. Read here rather than with the app's own reader, as a spreadsheet would: the file is checked from outside. */
function csvCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === "," && !quoted) {
      cells.push(cell);
      cell = "";
    } else {
      cell += c;
    }
  }
  cells.push(cell);
  return cells;
}

test("an admin assigns a course to a province; an official completes it; the province's manager sees it and downloads it; another province's manager is refused", async ({ page, browser }) => {
  test.slow();
  const run = suffix();
  const official = { email: `can-bo-${run}@example.vn`, name: `Vũ Thị Cầu ${run}`, unitId: WARD.id };
  const manager = { email: `quan-ly-${run}@example.vn`, name: `Đỗ Văn Thành ${run}`, unitId: "ha-noi-so-noi-vu" };
  await signUpOfficial(page, official);
  await signUpOfficial(page, manager);

  // The admin makes the second official the manager of Hà Nội, then assigns the course to the whole province's officials.
  await signInAsAdmin(page);
  await page.goto(`/admin/users?q=${encodeURIComponent(manager.email)}`);
  await page.getByRole("link", { name: manager.name }).click();
  await page.getByLabel("Vai trò").selectOption("manager");
  await page.getByLabel("Đơn vị quản lý").selectOption(PROVINCE.id);
  await page.getByRole("button", { name: "Lưu vai trò" }).click();
  await expect(page.getByRole("definition").filter({ hasText: "Quản lý đơn vị" })).toBeVisible();

  const year = new Date().getUTCFullYear() + 1;
  await page.goto("/manage/assignments");
  await page.getByLabel("Khóa học", { exact: true }).selectOption(CERTIFIED_COURSE.slug);
  await page.getByLabel("Đơn vị", { exact: true }).selectOption(PROVINCE.id);
  await page.getByLabel("Nhóm người học").selectOption("official");
  await page.getByLabel("Ngày hạn").fill(`${year}-01-15`);
  await page.getByRole("button", { name: "Giao khóa học" }).click();
  await expect(page.getByRole("status")).toContainText("Đã giao khóa học cho");
  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();

  // The official lands on /me and sees the course required, with its due date; completes it; has the certificate.
  await signIn(page, official.email, LEARNER_PASSWORD);
  await expect(page).toHaveURL(/\/me$/);
  const required = page.getByRole("listitem").filter({ hasText: CERTIFIED_COURSE.title }).filter({ hasText: `Bắt buộc · hạn 15/01/${year}` });
  await expect(required.first()).toBeVisible();
  await completeCertifiedCourse(page, { enrolled: true });
  await page.goto("/me/certificates");
  await expect(page.getByText("Chứng nhận này HỢP LỆ")).toBeVisible();
  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();

  // The province's manager: the report, the ward, the person.
  await signIn(page, manager.email, LEARNER_PASSWORD);
  await page.getByRole("link", { name: "Quản lý đào tạo" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Báo cáo khóa học bắt buộc" })).toBeVisible();
  const wardRow = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: WARD.name }) });
  // At least this run's official has completed (a kept server may hold earlier runs' people too).
  const completedInWard = Number(await wardRow.locator("td").nth(4).innerText());
  expect(completedInWard).toBeGreaterThanOrEqual(1);

  const totals = await screenTotals(page);
  const csv = await page.request.get(`/manage/report.csv?unit=${PROVINCE.id}`);
  expect(csv.status()).toBe(200);
  const text = (await csv.body()).toString("utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const csvTotals = text.split(/\r?\n/).map(csvCells).find((cells) => cells[0] === "Tổng cộng");
  expect(csvTotals, "the CSV has a totals row").toBeDefined();
  expect(fileTotals(csvTotals!)).toEqual(totals);

  const xlsx = await page.request.get(`/manage/report.xlsx?unit=${PROVINCE.id}`);
  expect(xlsx.status()).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  let xlsxTotals: unknown[] | undefined;
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    if (values[0] === "Tổng cộng") xlsxTotals = values;
  });
  expect(xlsxTotals, "the workbook has a totals row").toBeDefined();
  expect(fileTotals(xlsxTotals!)).toEqual(totals);

  await wardRow.getByRole("link", { name: WARD.name }).click();
  await expect(page.getByRole("table").getByRole("caption")).toContainText(WARD.name);
  await page.getByRole("link", { name: `Danh sách người học của ${WARD.name}` }).click();
  await page.getByRole("link", { name: official.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(official.name);
  await expect(page.getByText(CERTIFIED_COURSE.title).first()).toBeVisible();
  const personPath = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Đăng xuất", exact: true }).click();

  // A manager of another province (Huế's) is refused every one of those addresses.
  const other = await browser.newContext({ locale: "vi-VN" });
  const otherPage = await other.newPage();
  await signIn(otherPage, "quanly@demo.hocso.vn", DEMO_PASSWORD);
  for (const address of [
    `/manage?unit=${PROVINCE.id}`,
    `/manage?unit=${WARD.id}&view=people`,
    `/manage/report.csv?unit=${PROVINCE.id}`,
    `/manage/report.xlsx?unit=${PROVINCE.id}`,
    `/manage/training-record?unit=${PROVINCE.id}`,
    personPath,
  ]) {
    const response = await otherPage.request.get(address, { maxRedirects: 0 });
    expect(response.status(), address).toBe(403);
  }
  await other.close();
});
