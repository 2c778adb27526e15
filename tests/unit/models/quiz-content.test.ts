import { describe, expect, test } from "vitest";
import { compileLesson } from "~/models/content/compile.server";
import { publicQuiz } from "~/models/content/quiz.server";

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
