import { describe, expect, test } from "vitest";
import { compileLesson } from "~/models/content/compile.server";
import { isSafeUrl } from "~/models/content/links";
import { publicQuiz, quizHtml, type QuizNode } from "~/models/content/quiz.server";

const frontmatter = "---\ntitle: Bài thử\ndescription: Bài có bài kiểm tra.\nminutes: 5\n---\n\n";
const compile = (body: string) =>
  compileLesson({ source: frontmatter + body, file: "khoa/bai.mdx", courseSlug: "khoa", lessonSlug: "bai", language: "vi" });

const goodQuiz = `Trước bài kiểm tra.

<Quiz id="kiem-tra" passMark="80" maxAttempts="3" waitMinutes="10" timeLimitMinutes="15" shuffle="both" draw="3" review="after-pass" final>

<Question id="dia-chi">
Địa chỉ nào là **Cổng Dịch vụ công quốc gia**?

<Choice correct>dichvucong.gov.vn</Choice>
<Choice>dichvucong-online.com</Choice>

<Explanation>Trang chính thức có đuôi .gov.vn, GIẢI-THÍCH-BÍ-MẬT.</Explanation>
</Question>

<Question id="nhieu" type="multiple">
Chọn các cách giữ mật khẩu an toàn.

<Choice correct>Dùng câu dài</Choice>
<Choice correct>Không chia sẻ mã OTP</Choice>
<Choice>Dùng ngày sinh</Choice>
</Question>

<Question id="dung-sai" type="true-false" answer="false">
Ngân hàng có thể gọi điện xin mã OTP của bạn.
</Question>

<Question id="chu" type="text" answer="Cổng Dịch vụ công|dich vu cong" ignoreDiacritics>
Trang nào để nộp hồ sơ trực tuyến?
</Question>

<Question id="so" type="number" answer="1022" tolerance="0">
Số tổng đài Huế-S là gì?
</Question>

</Quiz>

Sau bài kiểm tra.
`;

describe("quizzes inside lessons", () => {
  test("a quiz is taken out of the lesson HTML and split into what learners see and the key", async () => {
    const { lesson, problems } = await compile(goodQuiz);
    expect(problems).toEqual([]);
    expect(lesson?.html).toContain('data-quiz-slot="kiem-tra"');
    expect(lesson?.html).toContain("Trước bài kiểm tra.");
    expect(lesson?.html).toContain("Sau bài kiểm tra.");
    expect(lesson?.html).not.toContain("dichvucong-online.com");

    const quiz = lesson!.quizzes[0]!;
    expect(quiz.settings).toMatchObject({ passMark: 80, maxAttempts: 3, waitMinutes: 10, timeLimitMinutes: 15, shuffle: "both", draw: 3, review: "after-pass", final: true });
    expect(quiz.version).toMatch(/^[0-9a-f]{12}$/);
    expect(quiz.questions.map((q) => q.type)).toEqual(["single", "multiple", "true-false", "text", "number"]);
    expect(quiz.questions[0]?.promptHtml).toBe("<p>Địa chỉ nào là <strong>Cổng Dịch vụ công quốc gia</strong>?</p>");
    expect(quiz.questions[0]?.choices).toEqual([
      { id: "c1", html: "dichvucong.gov.vn" },
      { id: "c2", html: "dichvucong-online.com" },
    ]);
    expect(quiz.questions[2]?.choices.map((c) => c.html)).toEqual(["Đúng", "Sai"]);
    expect(quiz.keys["dia-chi"]).toMatchObject({ correctChoices: ["c1"], explanationHtml: expect.stringContaining("GIẢI-THÍCH-BÍ-MẬT") });
    expect(quiz.keys.nhieu?.correctChoices).toEqual(["c1", "c2"]);
    expect(quiz.keys["dung-sai"]?.correctChoices).toEqual(["false"]);
    expect(quiz.keys.chu).toMatchObject({ acceptedAnswers: ["Cổng Dịch vụ công", "dich vu cong"], ignoreDiacritics: true });
    expect(quiz.keys.so?.number).toEqual({ value: 1022, tolerance: 0 });
  });

  test("the public half holds no key and no explanation", async () => {
    const { lesson } = await compile(goodQuiz);
    const visible = JSON.stringify(publicQuiz(lesson!.quizzes[0]!));
    expect(visible).not.toContain("GIẢI-THÍCH-BÍ-MẬT");
    expect(visible).not.toMatch(/correct|acceptedAnswers|1022|keys/);
  });

  test("editing a quiz changes its version; editing the lesson around it does not", async () => {
    const a = (await compile(goodQuiz)).lesson!.quizzes[0]!.version;
    const b = (await compile(goodQuiz.replace("Sau bài kiểm tra.", "Đoạn khác."))).lesson!.quizzes[0]!.version;
    const c = (await compile(goodQuiz.replace('passMark="80"', 'passMark="90"'))).lesson!.quizzes[0]!.version;
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  test('a late attempt is refused unless the quiz says late="grade"', async () => {
    const settingsOf = async (quiz: string) => (await compile(goodQuiz.replace('<Quiz id="kiem-tra"', quiz))).lesson!.quizzes[0]!.settings;
    expect((await settingsOf('<Quiz id="kiem-tra"')).late).toBe("refuse");
    expect((await settingsOf('<Quiz id="kiem-tra" late="grade"')).late).toBe("grade");
    expect((await settingsOf('<Quiz id="kiem-tra" late="refuse"')).late).toBe("refuse");
  });

  test("content errors in quizzes name the line in plain words", async () => {
    const source = `<Quiz id="loi" passMark="120" draw="5">

<Question id="a">
Câu không có đáp án đúng.

<Choice>Một</Choice>
<Choice>Hai</Choice>
</Question>

<Question id="a">
Câu trùng id.

<Choice correct>Một</Choice>
<Choice>Hai</Choice>
</Question>

<Question id="b" type="text">
Thiếu đáp án.
</Question>

</Quiz>

<Choice>Ngoài bài kiểm tra</Choice>

<Quiz id="loi-hai" draw="5">

<Question id="c" type="true-false" answer="true">
Câu đúng sai.
</Question>

</Quiz>
`;
    const { problems } = await compile(source);
    const lines = (key: string) => problems.filter((p) => p.key === key).map((p) => p.line);
    expect(lines("content.quizPassMark")).toEqual([7]);
    expect(lines("content.quizNoCorrectChoice")).toEqual([9]);
    expect(lines("content.quizDuplicateQuestion")).toEqual([16]);
    expect(problems.find((p) => p.key === "content.missingProp")).toMatchObject({ line: 23, params: { component: "Question", prop: "answer" } });
    expect(lines("content.quizPoolTooSmall")).toEqual([31]);
    expect(lines("content.quizOutside")).toEqual([29]);
  });
});

describe("links in quizzes", () => {
  test("an unsafe link in a prompt, a choice or an explanation is reported on its line, and the lesson is not served", async () => {
    const { lesson, problems } = await compile(`<Quiz id="lien-ket">

<Question id="a">
Xem [hướng dẫn](javascript:alert(1)).

<Choice correct>[Một](JaVaScRiPt:alert(1))</Choice>
<Choice>[Hai](&#106;avascript:alert(1))</Choice>

<Explanation>[Ba](vbscript:msgbox(1)), [bốn](data:text/html,x) và ![năm](<  java\tscript:alert(1)>).</Explanation>
</Question>

</Quiz>
`);
    expect(lesson).toBeNull();
    expect(problems.map((p) => [p.key, p.line, p.params?.url])).toEqual([
      ["content.unsafeLink", 10, "javascript:alert(1)"],
      ["content.unsafeLink", 12, "JaVaScRiPt:alert(1)"],
      ["content.unsafeLink", 13, "javascript:alert(1)"],
      ["content.unsafeLink", 15, "vbscript:msgbox(1)"],
      ["content.unsafeLink", 15, "data:text/html,x"],
      ["content.unsafeLink", 15, "  java\tscript:alert(1)"],
    ]);
  });

  test("links in quizzes follow the lesson's rules: a link to a lesson becomes its address and is checked", async () => {
    const { lesson, problems } = await compile(`<Quiz id="lien-ket">

<Question id="a">
Đọc lại [bài trước](./bai-truoc#otp) hoặc [Cổng Dịch vụ công](https://dichvucong.gov.vn).

<Choice correct>Một</Choice>
<Choice>[Hai](tai-lieu/hai.pdf)</Choice>
</Question>

</Quiz>
`);
    expect(problems.map((p) => [p.key, p.line])).toEqual([["content.badLink", 13]]);
    const fixed = await compile(`<Quiz id="lien-ket">

<Question id="a">
Đọc lại [bài trước](./bai-truoc#otp) hoặc [Cổng Dịch vụ công](https://dichvucong.gov.vn).

<Choice correct>Một</Choice>
<Choice>Hai</Choice>
</Question>

</Quiz>
`);
    expect(fixed.problems).toEqual([]);
    expect(fixed.lesson?.links).toEqual([{ line: 10, course: "khoa", lesson: "bai-truoc" }]);
    expect(fixed.lesson?.quizzes[0]?.questions[0]?.promptHtml).toBe(
      '<p>Đọc lại <a href="/courses/khoa/bai-truoc#otp">bài trước</a> hoặc <a href="https://dichvucong.gov.vn">Cổng Dịch vụ công</a>.</p>',
    );
    expect(lesson).toBeNull();
  });

  // Defence in depth: even if a quiz reached the renderer without passing the check.
  const allowedSchemes = ["https:", "http:", "mailto:", "tel:"];
  const base = "https://hocso.example/courses/khoa/bai";
  const unsafe = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "\tjava\nscript:alert(1)",
    "\u0000javascript:alert(1)",
    "\u001f javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
  ];
  const safe = ["https://dichvucong.gov.vn", "http://example.org/a?b=1&c=2", "mailto:hotro@hocso.vn", "tel:1022", "/courses/a/b", "./bai-sau", "bai-sau", "#muc", "?trang=2", "//example.org"];

  test.each([...unsafe, ...safe])("the quiz renderer emits no href or src a browser would read as a script: %j", (url) => {
    const nodes = [
      {
        type: "paragraph",
        children: [
          { type: "link", url, children: [{ type: "text", value: "liên kết" }] },
          { type: "image", url, alt: "hình" },
        ],
      },
    ] as unknown as QuizNode[];
    const html = quizHtml(nodes, () => {});
    expect(html).toContain("liên kết");
    const decode = (value: string) => value.replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16))).replace(/&amp;/g, "&");
    const targets = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => decode(m[1]!));
    for (const target of targets) expect(allowedSchemes, `${target} in ${html}`).toContain(new URL(target, base).protocol);
    // Safe addresses are kept as written.
    if (safe.includes(url)) expect(targets).toHaveLength(2);
  });

  test("isSafeUrl reads a scheme the way a browser does", () => {
    for (const url of [...unsafe, ...safe, "JAVASCRIPT:x", "java\rscript:x", "  data:,x", "a:b", "c:\\windows", "foo/bar:baz", "./x:y", "%6Aavascript:x"]) {
      let browser: boolean;
      try {
        browser = allowedSchemes.includes(new URL(url, base).protocol);
      } catch {
        continue; // not a URL a browser would follow at all
      }
      expect(isSafeUrl(url), JSON.stringify(url)).toBe(browser);
    }
  });
});
