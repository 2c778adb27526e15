import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { loadContent } from "~/models/content/library.server";
import { communitySkills } from "~/models/content/schema";

const errorsRoot = "tests/fixtures/content-errors";
const validRoot = "tests/fixtures/content-valid";

describe("the built-in courses", async () => {
  const { courses, problems } = await loadContent({ root: "content" });

  test("pass the content check", () => {
    expect(problems).toEqual([]);
  });

  test("are at least 8 courses with at least 40 lessons, for residents and officials", () => {
    expect(courses.length).toBeGreaterThanOrEqual(8);
    expect(courses.reduce((n, c) => n + c.lessons.length, 0)).toBeGreaterThanOrEqual(40);
    expect(courses.filter((c) => c.meta.audience.includes("officials")).length).toBeGreaterThanOrEqual(4);
    const skills = new Set(courses.map((c) => c.meta.competence.communitySkill));
    for (const skill of communitySkills) expect(skills, skill).toContain(skill);
  });

  test("lessons are short (5–10 minutes) and cite their sources", () => {
    for (const course of courses) {
      for (const lesson of course.lessons) {
        expect(lesson.minutes, `${course.slug}/${lesson.slug}`).toBeGreaterThanOrEqual(5);
        expect(lesson.minutes, `${course.slug}/${lesson.slug}`).toBeLessThanOrEqual(10);
      }
      expect(course.lessons.some((l) => l.sources.length > 0), course.slug).toBe(true);
    }
  });
});

describe("content problems", async () => {
  const { courses, problems } = await loadContent({ root: errorsRoot });
  const found = problems.map((p) => ({ file: p.file, line: p.line, key: p.key }));

  test.each([
    // course.yml schema
    { file: "loi-mo-ta/course.yml", line: 6, key: "content.badField" },
    { file: "loi-mo-ta/course.yml", line: 9, key: "content.unknownField" },
    // duplicate and missing lessons, and a file nobody lists
    { file: "loi-bai-hoc/course.yml", line: 11, key: "content.duplicateLesson" },
    { file: "loi-bai-hoc/course.yml", line: 12, key: "content.missingLessonFile" },
    { file: "loi-bai-hoc/thua.mdx", line: 1, key: "content.unlistedLesson" },
    // inside a lesson
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 9, key: "content.unknownComponent" },
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 11, key: "content.missingProp" }, // Figure without alt
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 13, key: "content.missingProp" }, // Video without captions
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 19, key: "content.unsafeLink" }, // javascript:
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 37, key: "content.badLink" }, // neither a lesson nor a full address
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 21, key: "content.notNfc" },
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 23, key: "content.missingProp" }, // Callout without type
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 29, key: "content.stepsNeedList" },
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 33, key: "content.noExpressions" },
    { file: "loi-bai-hoc/gioi-thieu.mdx", line: 35, key: "content.imageNeedsAlt" },
    // links that would run code: in the lesson, in a reference, in an image, in a quiz's prompt, choices and explanation
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 7, key: "content.unsafeLink" },
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 9, key: "content.unsafeLink" },
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 11, key: "content.invalidProp" }, // <Source url="javascript:…">
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 16, key: "content.unsafeLink" },
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 18, key: "content.unsafeLink" },
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 19, key: "content.unsafeLink" },
    { file: "lien-ket-nguy-hiem/lien-ket-la.mdx", line: 21, key: "content.unsafeLink" },
    // broken links between lessons, in the course and across courses
    { file: "loi-bai-hoc/lien-ket-hong.mdx", line: 7, key: "content.brokenLink" },
    // syntax and frontmatter
    { file: "loi-cu-phap/cu-phap.mdx", line: 9, key: "content.mdxSyntax" },
    { file: "loi-cu-phap/dau-bai.mdx", line: 3, key: "content.badField" },
    { file: "loi-cu-phap/dau-bai.mdx", line: 6, key: "content.noH1" },
    // folders
    { file: "Sai_Ten/", line: undefined, key: "content.badCourseSlug" },
    { file: "thieu-course-yml/", line: undefined, key: "content.missingCourseFile" },
  ])("$key at $file:$line", (expected) => {
    expect(found).toContainEqual(expected);
  });

  test("a broken link names the missing lesson and course", () => {
    const broken = problems.filter((p) => p.key === "content.brokenLink").map((p) => p.params);
    expect(broken).toEqual([
      { course: "loi-bai-hoc", lesson: "khong-co" },
      { course: "khong-co-khoa", lesson: "bai" },
    ]);
  });

  test("every unsafe link is reported, however its scheme is spelt", () => {
    const unsafe = problems.filter((p) => p.file.startsWith("lien-ket-nguy-hiem/") && p.key === "content.unsafeLink");
    expect(unsafe.map((p) => [p.line, p.params?.url])).toEqual([
      [7, "javascript:alert(1)"],
      [9, "vbscript:msgbox(1)"],
      [16, "javascript:alert(1)"],
      [18, "JaVaScRiPt:alert(1)"],
      [19, "javascript:alert(1)"], // written &#106;avascript:
      [21, "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="],
      [21, "  java\tscript:alert(1)"],
    ]);
    expect(courses.find((c) => c.slug === "lien-ket-nguy-hiem")?.lessons).toEqual([]);
  });

  test("lessons with errors are not served; a course with an invalid course.yml is left out", () => {
    const slugs = courses.map((c) => c.slug);
    expect(slugs).not.toContain("loi-mo-ta");
    const lessons = courses.find((c) => c.slug === "loi-bai-hoc")?.lessons.map((l) => l.slug);
    expect(lessons).toEqual(["lien-ket-hong"]);
  });
});

describe("npm run content:check", () => {
  const check = (root: string, lang = "vi") =>
    spawnSync("npx", ["tsx", "app/cli/content-check.ts", root, "--lang", lang], { encoding: "utf8" });

  test("fails on broken content, naming file and line in plain words", () => {
    const result = check(errorsRoot);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("loi-bai-hoc/gioi-thieu.mdx:11: <Figure> thiếu thuộc tính bắt buộc alt.");
    expect(result.stdout).toContain("loi-bai-hoc/course.yml:11: Bài gioi-thieu xuất hiện hai lần trong danh sách lessons.");
    expect(result.stdout).toContain("lien-ket-nguy-hiem/lien-ket-la.mdx:16: Liên kết javascript:alert(1) không an toàn");
  });

  test("speaks English when asked", () => {
    const { stdout } = check(errorsRoot, "en");
    expect(stdout).toContain("loi-bai-hoc/gioi-thieu.mdx:11: <Figure> is missing its required property alt.");
    expect(stdout).toContain("lien-ket-nguy-hiem/lien-ket-la.mdx:16: The link javascript:alert(1) is not safe");
  });

  test("passes on valid content", () => {
    const result = check(validRoot);
    expect(result.stdout).toContain("0 lỗi");
    expect(result.status).toBe(0);
  });
});

describe("compiled lessons", async () => {
  const { courses, problems } = await loadContent({ root: validRoot });
  const course = courses[0]!;
  const [first, second] = course.lessons;

  test("every component renders to static HTML", () => {
    expect(problems).toEqual([]);
    expect(first?.html).toContain('<dfn>OTP</dfn>');
    expect(first?.html).toContain('<aside class="callout callout-warning" aria-label="Cảnh báo">');
    expect(first?.html).toContain('<img src="/media/mau-day-du/so-do.svg" alt="Sơ đồ ba trụ cột"');
    expect(first?.html).toContain('<track kind="captions" src="/media/mau-day-du/clip.vtt"');
    expect(first?.html).toContain("Lời thoại đầy đủ của video.");
    expect(first?.html).not.toContain("Một ghi chú cho người soạn");
  });

  test("links between lessons become site addresses", () => {
    expect(first?.html).toContain('href="/courses/mau-day-du/bai-sau#phan-hai"');
  });

  test("headings give the table of contents, with ids that ignore diacritics", () => {
    expect(first?.toc).toEqual([
      { id: "cac-buoc", text: "Các bước", depth: 2 },
      { id: "chi-tiet", text: "Chi tiết", depth: 3 },
    ]);
    expect(first?.html).toContain('<h2 id="cac-buoc">');
  });

  test("sources are collected for the reader, not rendered in place", () => {
    expect(first?.sources).toEqual([
      { title: "Bài báo mẫu", publisher: "Báo mẫu", date: "2022-12-02", url: "https://example.org/bai-bao" },
    ]);
    expect(first?.html).not.toContain("Bài báo mẫu");
    expect(second?.sources).toEqual([]);
  });

  test("periods default to the minutes rounded up to 45-minute periods", () => {
    expect(course.periods).toBe(2);
  });
});

test("compiled lessons are cached by content hash", async () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-cache-"));
  try {
    await loadContent({ root: validRoot, cacheDir });
    const files = fs.readdirSync(cacheDir);
    expect(files).toHaveLength(2);
    // A second load reads the cache: poison an entry and see it come back.
    const entry = path.join(cacheDir, files[0]!);
    const cached = JSON.parse(fs.readFileSync(entry, "utf8"));
    cached.lesson.title = "Từ bộ nhớ đệm";
    fs.writeFileSync(entry, JSON.stringify(cached));
    const again = await loadContent({ root: validRoot, cacheDir });
    expect(again.courses[0]!.lessons.map((l) => l.title)).toContain("Từ bộ nhớ đệm");
  } finally {
    fs.rmSync(cacheDir, { recursive: true, force: true });
  }
});
