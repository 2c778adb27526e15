import fs from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, test } from "./fixtures";
import { signUpResident } from "./learners";

const course = "dich-vu-cong-truc-tuyen";
const lessonUrl = `/courses/${course}/tim-hieu-dich-vu-cong-truc-tuyen`;
const lastLessonUrl = `/courses/${course}/nhan-ho-tro-dich-vu-cong`;
const lessonFile = path.resolve(import.meta.dirname, `../../content/${course}/tim-hieu-dich-vu-cong-truc-tuyen.mdx`);

const signUp = (page: Page) => signUpResident(page, { name: "Người Làm Bài", province: "Huế", prefix: "0357" });

/** Submitting with questions left blank asks first: the learner confirms with "Vẫn nộp bài". */
async function submitAnyway(quiz: Locator, unanswered: number) {
  await quiz.getByRole("button", { name: "Nộp bài", exact: true }).click();
  const notice = quiz.getByRole("alert");
  await expect(notice).toContainText(`Bạn chưa trả lời ${unanswered} câu. Vẫn nộp bài?`);
  await notice.getByRole("button", { name: "Vẫn nộp bài" }).click();
}

/** Any answer will do: the first choice, or a word. */
async function answerAnything(question: Locator) {
  if ((await question.getByRole("textbox").count()) > 0) await question.getByRole("textbox").fill("không biết");
  else await question.locator("input").first().check();
}

/** POSTs to the lesson, counted as they leave the browser. */
function countPosts(page: Page) {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  return posts;
}

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
      await submitAnyway(quiz, 5);

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

      // A blank final quiz is not sent as it is: it would use one of three attempts and start the wait.
      const posts = countPosts(page);
      const answer = javaScriptEnabled ? null : page.waitForResponse((r) => r.request().method() === "POST");
      await quiz.getByRole("button", { name: "Nộp bài", exact: true }).click();
      const notice = quiz.getByRole("alert");
      await expect(notice).toContainText("Bạn chưa trả lời 8 câu. Vẫn nộp bài?");
      await expect(notice).toContainText("Lần nộp này sẽ được tính là 1 trong 3 lần làm bài của bạn.");
      await expect(notice.getByRole("link", { name: /^Câu \d$/ })).toHaveCount(8);
      await expect(notice).toBeFocused();
      // With JavaScript the page asks before sending anything; without, the server asks and records nothing.
      if (answer) expect((await answer).status()).toBe(400);
      else expect(posts).toEqual([]);
      await expect(quiz.getByText(/Các lần đã làm/)).toHaveCount(0);

      await notice.getByRole("button", { name: "Vẫn nộp bài" }).click();
      await expect(quiz.getByRole("status")).toContainText("Chưa đạt (cần 80%)");
      await expect(quiz.getByRole("status")).toContainText("Đáp án và giải thích sẽ hiện khi bạn đạt.");
      await expect(quiz.getByText("Đáp án:")).toHaveCount(0);
      await expect(quiz.getByText(/Bạn có thể làm lại từ/)).toBeVisible();
      await expect(quiz.getByRole("button", { name: "Làm lại" })).toHaveCount(0);
    });

    test("a partly answered quiz asks first, keeps the answers and links to each question left; a complete one is sent at once", async ({ page }) => {
      await signUp(page);
      await page.goto(lessonUrl);
      const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
      await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
      const questions = quiz.getByRole("group", { name: /^Câu \d+\./ });
      await expect(questions).toHaveCount(5);
      await answerAnything(questions.nth(0));
      await answerAnything(questions.nth(2));
      const given = await quiz.locator("form").evaluate((form) => [...new FormData(form as HTMLFormElement)].filter(([name]) => name.startsWith("q.")));

      await quiz.getByRole("button", { name: "Nộp bài", exact: true }).click();
      const notice = quiz.getByRole("alert");
      await expect(notice).toContainText("Bạn chưa trả lời 3 câu. Vẫn nộp bài?");
      await expect(notice).toBeFocused();
      await expect(notice.getByRole("link")).toHaveText(["Câu 2", "Câu 4", "Câu 5"]);
      // Without JavaScript this is a new page: the answers given are still there.
      expect(await quiz.locator("form").evaluate((form) => [...new FormData(form as HTMLFormElement)].filter(([name]) => name.startsWith("q.")))).toEqual(given);
      if (javaScriptEnabled) await expectAccessible(page);

      // Each number leads to its question.
      await notice.getByRole("link", { name: "Câu 4" }).click();
      await expect(questions.nth(3).locator("input").first()).toBeFocused();

      for (const i of [1, 3, 4]) await answerAnything(questions.nth(i));
      await quiz.getByRole("button", { name: "Nộp bài", exact: true }).click();
      await expect(quiz.getByRole("status")).toContainText(/Bạn đúng \d+%/);
      await expect(quiz.getByText("Các lần đã làm (1)")).toBeVisible();
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

test("the server holds back a submission with unanswered questions unless it is confirmed", async ({ page }) => {
  await signUp(page);
  await page.goto(lessonUrl);
  const quiz = page.getByRole("region", { name: "Kiểm tra nhanh" });
  await quiz.getByRole("button", { name: "Bắt đầu làm bài" }).click();
  const attemptId = await quiz.locator('input[name="attemptId"]').inputValue();
  const submit = (extra: Record<string, string>) =>
    page.request.post(lessonUrl, {
      headers: { Origin: new URL(page.url()).origin },
      form: { intent: "submit", quizId: "kiem-tra-tim-hieu-dich-vu-cong-truc-tuyen", attemptId, ...extra },
      maxRedirects: 0,
    });
  const held = await submit({});
  expect(held.status()).toBe(400);
  expect(await held.text()).toContain("Bạn chưa trả lời 5 câu. Vẫn nộp bài?");
  await page.reload();
  await expect(quiz.getByRole("button", { name: "Nộp bài", exact: true })).toBeVisible();
  await expect(quiz.getByText(/Các lần đã làm/)).toHaveCount(0);

  expect((await submit({ confirmUnanswered: "true" })).status()).toBe(303);
  await page.reload();
  await expect(quiz.getByText("Các lần đã làm (1)")).toBeVisible();
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
