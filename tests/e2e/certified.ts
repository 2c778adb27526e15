import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures";
import { answerRightly } from "./quiz-answers";

// Every lesson completes by being read; the last one holds the final quiz.
export const CERTIFIED_COURSE = { slug: "dich-vu-cong-truc-tuyen", title: "Sử dụng dịch vụ công trực tuyến" };
const lessons = ["tim-hieu-dich-vu-cong-truc-tuyen", "tao-tai-khoan-dich-vu-cong", "tim-thu-tuc-va-chuan-bi-giay-to", "nop-va-theo-doi-ho-so", "thanh-toan-le-phi-va-nhan-ket-qua", "nhan-ho-tro-dich-vu-cong"];
const finalLessonFile = path.resolve(import.meta.dirname, `../../content/${CERTIFIED_COURSE.slug}/${lessons.at(-1)}.mdx`);

/**
 * A signed-in learner enrols (unless the course was assigned to them, which
 * enrolled them), reads every lesson and passes the final quiz: the
 * certificate is issued as in production.
 */
export async function completeCertifiedCourse(page: Page, { enrolled = false }: { enrolled?: boolean } = {}) {
  const course = CERTIFIED_COURSE.slug;
  await page.goto(`/courses/${course}`);
  if (!enrolled) await page.getByRole("button", { name: "Ghi danh để lưu tiến độ" }).click();
  await expect(page.getByText(`Đã xong 0/${lessons.length} bài`)).toBeVisible();
  for (const lesson of lessons) {
    await page.goto(`/courses/${course}/${lesson}`);
    await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible();
  }
  const final = page.getByRole("region", { name: "Bài kiểm tra cuối khóa" });
  await final.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await answerRightly(final, finalLessonFile, "kiem-tra-cuoi-khoa", 8);
}

export const DEMO_PASSWORD = "hoc-so-demo-2026";

export async function signInAsAdmin(page: Page) {
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill("quantri@demo.hocso.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất", exact: true })).toBeVisible();
}
