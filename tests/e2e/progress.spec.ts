import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUpResident } from "./learners";
import { answerRightly } from "./quiz-answers";

const course = "ky-nang-so-tai-dia-phuong";
const courseTitle = "Kỹ năng số tại địa phương (khóa học mẫu)";
const lessons = ["ung-dung-va-dich-vu-so-cua-tinh", "to-cong-nghe-so-cong-dong-noi-ban-song", "ban-san-pham-dia-phuong-tren-mang", "can-giup-do-tim-den-dau"];
const lastLessonFile = path.resolve(import.meta.dirname, `../../content/${course}/can-giup-do-tim-den-dau.mdx`);

const signUp = (page: Page) => signUpResident(page, { name: "Người Học Chăm", province: "Lào Cai", prefix: "0325" });

for (const javaScriptEnabled of [true, false]) {
  test.describe(`progress with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("enrol, read, mark complete, pass the quizzes, resume from the dashboard, complete the course once", async ({ page }) => {
      test.setTimeout(180_000);
      await signUp(page);
      await page.goto(`/courses/${course}`);
      await page.getByRole("button", { name: "Ghi danh để lưu tiến độ" }).click();
      await expect(page.getByText("Đã xong 0/4 bài")).toBeVisible();

      // Lesson 1: reading is not enough under this course's rule; marking is.
      await page.getByRole("link", { name: /^Học tiếp:/ }).click();
      await expect(page).toHaveURL(new RegExp(`${lessons[0]}$`));
      await page.getByRole("button", { name: "Đánh dấu đã học xong bài này" }).click();
      await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible();
      await expect(page.getByText("Đã xong 1/4 bài")).toBeVisible();

      // Resume from the dashboard at the first lesson not done.
      await page.getByRole("link", { name: "Học tập của tôi" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Học tập của tôi" })).toBeVisible();
      await page.getByRole("link", { name: /^Học tiếp:/ }).click();
      await expect(page).toHaveURL(new RegExp(`${lessons[1]}$`));
      await page.getByRole("button", { name: "Đánh dấu đã học xong bài này" }).click();
      await expect(page.getByText("Đã xong 2/4 bài")).toBeVisible();

      // The last lesson completes with its quiz; then the final quiz.
      await page.goto(`/courses/${course}/${lessons[3]}`);
      await expect(page.getByText("Làm đạt bài kiểm tra ở trên để hoàn thành bài này.")).toBeVisible();
      const lessonQuiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
      await lessonQuiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      await answerRightly(lessonQuiz, lastLessonFile, `kiem-tra-${lessons[3]}`, 5);
      await expect(page.getByText("Bạn đã học xong bài này.")).toBeVisible();
      const final = page.getByRole("region", { name: "Bài kiểm tra cuối khóa" });
      await final.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      await answerRightly(final, lastLessonFile, "kiem-tra-cuoi-khoa", 8);
      await expect(page.getByText("Đã xong 3/4 bài")).toBeVisible();

      // The final two actions race: the same last lesson marked from two tabs at once.
      const origin = new URL(page.url()).origin;
      const mark = () =>
        page.request.post("/progress", {
          headers: { Origin: origin },
          form: { intent: "mark", course, lesson: lessons[2]!, redirectTo: `/courses/${course}` },
          maxRedirects: 0,
        });
      const [a, b] = await Promise.all([mark(), mark()]);
      expect([a.status(), b.status()]).toEqual([303, 303]);

      await page.goto("/me");
      const completed = page.getByRole("list", { name: "Đã hoàn thành" });
      await expect(completed.getByRole("listitem")).toHaveCount(1);
      await expect(completed).toContainText(courseTitle);
      await expect(completed).toContainText("Hoàn thành ngày");
      await expect(page.getByText(/^Năm \d{4} bạn đã học/)).toBeVisible();
      await page.goto(`/courses/${course}`);
      await expect(page.getByText(/^Hoàn thành ngày/)).toBeVisible();
    });
  });
}

test("marking progress without enrolling, or in a lesson that does not exist, is refused", async ({ page }) => {
  await signUp(page);
  const origin = new URL(page.url()).origin;
  const post = (form: Record<string, string>) => page.request.post("/progress", { headers: { Origin: origin }, form, maxRedirects: 0 });
  const notEnrolled = await post({ intent: "mark", course, lesson: lessons[0]! });
  expect(notEnrolled.status()).toBe(409);
  expect(await notEnrolled.text()).toContain("Bạn chưa ghi danh khóa học này");
  await post({ intent: "enroll", course });
  expect((await post({ intent: "mark", course, lesson: "khong-co-bai-nay" })).status()).toBe(404);
  expect((await post({ intent: "time", course, lesson: lessons[0]!, seconds: "abc" })).status()).toBe(400);
  await page.goto(`/courses/${course}`);
  await expect(page.getByText("Đã xong 0/4 bài")).toBeVisible();
});
