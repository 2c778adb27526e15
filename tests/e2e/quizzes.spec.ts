import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUpResident } from "./learners";

const course = "dich-vu-cong-truc-tuyen";
const lessonUrl = `/courses/${course}/tim-hieu-dich-vu-cong-truc-tuyen`;
const lastLessonUrl = `/courses/${course}/nhan-ho-tro-dich-vu-cong`;
const lessonFile = path.resolve(import.meta.dirname, `../../content/${course}/tim-hieu-dich-vu-cong-truc-tuyen.mdx`);

const signUp = (page: Page) => signUpResident(page, { name: "Người Làm Bài", province: "Huế", prefix: "0357" });

for (const javaScriptEnabled of [true, false]) {
  test.describe(`quizzes with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("fail a quiz, see the right answers, try again and pass", async ({ page }) => {
      await signUp(page);
      await page.goto(lessonUrl);
      const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
      await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      await expect(quiz.getByRole("group", { name: /^Câu \d+\./ })).toHaveCount(5);
      // With JavaScript the page must not reload: a mark left on the window survives the submission.
      if (javaScriptEnabled) await page.evaluate(() => Object.assign(window, { stillHere: true }));
      await quiz.getByRole("button", { name: "Nộp bài" }).click();

      const result = quiz.getByRole("status");
      await expect(result).toContainText("Bạn đúng 0%");
      await expect(result).toContainText("Chưa đạt (cần 70%)");
      const reviewed = result.locator(".quiz-review > li");
      await expect(reviewed).toHaveCount(5);
      const answers = await reviewed.evaluateAll((items) =>
        items.map((li) => [...li.querySelectorAll(".right-answer")].map((span) => span.textContent ?? "")),
      );
      expect(answers.every((a) => a.length > 0)).toBe(true);
      if (javaScriptEnabled) expect(await page.evaluate(() => "stillHere" in window)).toBe(true);

      await quiz.getByRole("button", { name: "Làm lại" }).click();
      const questions = quiz.getByRole("group", { name: /^Câu \d+\./ });
      await expect(questions).toHaveCount(5);
      for (let i = 0; i < answers.length; i++) {
        const question = questions.nth(i);
        if ((await question.getByRole("textbox").count()) > 0) {
          await question.getByRole("textbox").fill(answers[i]![0]!);
        } else {
          for (const answer of answers[i]!) await question.getByLabel(answer, { exact: true }).check();
        }
      }
      await quiz.getByRole("button", { name: "Nộp bài" }).click();
      await expect(quiz.getByRole("status")).toContainText("Bạn đúng 100%");
      await expect(quiz.getByRole("status")).toContainText("Đạt");
      await expect(quiz.getByText("Các lần đã làm (2)")).toBeVisible();
    });

    test("the final quiz keeps its answers until passed and makes the learner wait", async ({ page }) => {
      await signUp(page);
      await page.goto(lastLessonUrl);
      const quiz = page.getByRole("region", { name: "Bài kiểm tra cuối khóa" });
      await expect(quiz).toContainText("8 câu hỏi · đạt từ 80% · tối đa 3 lần làm · chờ 30 phút giữa hai lần");
      await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      await expect(quiz.getByRole("group", { name: /^Câu \d+\./ })).toHaveCount(8);
      await quiz.getByRole("button", { name: "Nộp bài" }).click();
      await expect(quiz.getByRole("status")).toContainText("Chưa đạt (cần 80%)");
      await expect(quiz.getByRole("status")).toContainText("Đáp án và giải thích sẽ hiện khi bạn đạt.");
      await expect(quiz.getByText("Đáp án:")).toHaveCount(0);
      await expect(quiz.getByText(/Bạn có thể làm lại từ/)).toBeVisible();
      await expect(quiz.getByRole("button", { name: "Làm lại" })).toHaveCount(0);
    });
  });
}

test("a reader who is not signed in sees the quiz's rules and a way to sign in", async ({ page }) => {
  await page.goto(lessonUrl);
  const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
  await expect(quiz).toContainText("5 câu hỏi · đạt từ 70% · làm lại không giới hạn");
  await quiz.getByRole("link", { name: "Đăng nhập để làm bài kiểm tra và lưu kết quả" }).click();
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=/);
});

test("answer keys and explanations never reach the browser", async ({ page }) => {
  const source = fs.readFileSync(lessonFile, "utf8");
  const quizSource = source.slice(source.indexOf("<Quiz"));
  const explanations = [...quizSource.matchAll(/<Explanation>([\s\S]*?)<\/Explanation>/g)].map((m) => m[1]!.trim().slice(0, 40));
  expect(explanations.length).toBeGreaterThan(0);

  // Bodies are read asynchronously: keep the promises as responses arrive, await them all before checking.
  const pending: Promise<{ url: string; text: string }>[] = [];
  page.on("response", (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (/html|javascript|json/.test(type)) pending.push(response.text().then((text) => ({ url: response.url(), text }), () => ({ url: response.url(), text: "" })));
  });
  await signUp(page);
  await page.goto(lessonUrl);
  const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  await expect(quiz.getByRole("group", { name: /^Câu \d+\./ })).toHaveCount(5);
  // The data a client-side navigation would fetch, too.
  const data = await page.request.get(`${lessonUrl}?_data=routes%2Fcourses.%24course.%24lesson`);
  await page.waitForLoadState("networkidle");
  const bodies = [...(await Promise.all(pending)), { url: data.url(), text: await data.text() }];

  expect(bodies.some((b) => b.text.includes("Bắt đầu làm bài") || b.text.includes("Nộp bài"))).toBe(true);
  for (const { url, text } of bodies) {
    for (const marker of ["correctChoices", "acceptedAnswers", "explanationHtml", "<Choice correct", "Explanation>"]) {
      expect(text, `${marker} in ${url}`).not.toContain(marker);
    }
    for (const explanation of explanations) expect(text, `an explanation in ${url}`).not.toContain(explanation);
  }
});

test("a forged answer is refused with a message, and the attempt stays open", async ({ page }) => {
  await signUp(page);
  await page.goto(lessonUrl);
  const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const attemptId = await quiz.locator('input[name="attemptId"]').inputValue();
  const forged = await page.request.post(lessonUrl, {
    headers: { Origin: new URL(page.url()).origin },
    form: { intent: "submit", quizId: "kiem-tra-tim-hieu-dich-vu-cong-truc-tuyen", attemptId, "q.khong-co-cau-nay": "c1" },
  });
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain("Câu trả lời gửi lên không khớp");
  await page.reload();
  await expect(quiz.getByRole("button", { name: "Nộp bài" })).toBeVisible();
});

test("a trainer of the course sees how learners do, question by question", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email hoặc số điện thoại di động").fill("giangvien@demo.hocso.vn");
  await page.getByLabel("Mật khẩu", { exact: true }).fill("hoc-so-demo-2026");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByRole("link", { name: "Kết quả học" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kết quả bài kiểm tra" })).toBeVisible();
  const courseSection = page.getByRole("region", { name: "Sử dụng dịch vụ công trực tuyến" });
  await courseSection.getByRole("link", { name: "Bài kiểm tra cuối khóa" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bài kiểm tra cuối khóa" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Phân bố điểm" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Từng câu hỏi" })).toBeVisible();
  await expect(page.getByText("đáp án đúng").first()).toBeVisible();
});
