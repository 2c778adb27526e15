/**
 * Reads the content folder into memory: every course, its checked metadata
 * and its compiled lessons, plus every problem found on the way.
 *
 * Compiled lessons are cached on disk by a hash of their source, so only
 * changed files are compiled again (at build, at start-up, after an edit in
 * development). Nothing here runs while answering a request.
 */
import crypto from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { compileLesson, COMPILER_VERSION, firstNonNfcLine, type CompiledLesson, type CompileResult } from "~/models/content/compile.server";
import type { ContentProblem } from "~/models/content/problems";
import { CourseMeta, slugPattern } from "~/models/content/schema";

export type Course = {
  slug: string;
  meta: CourseMeta;
  /** 45-minute periods (tiết): declared, or the minutes rounded up. */
  periods: number;
  /** The lessons that compiled, in course order. */
  lessons: CompiledLesson[];
};

export type LoadResult = { courses: Course[]; problems: ContentProblem[] };

export type LoadOptions = {
  /** The content folder. */
  root: string;
  /** Where compiled lessons are cached; none means compile everything. */
  cacheDir?: string;
};

async function exists(file: string) {
  return fs
    .stat(file)
    .then(() => true)
    .catch(() => false);
}

async function cachedCompile(
  options: LoadOptions,
  input: Parameters<typeof compileLesson>[0],
): Promise<CompileResult> {
  if (!options.cacheDir) return compileLesson(input);
  const key = crypto
    .createHash("sha256")
    .update(JSON.stringify([COMPILER_VERSION, input.courseSlug, input.lessonSlug, input.language, input.file, input.source]))
    .digest("hex");
  const file = path.join(options.cacheDir, `${key}.json`);
  try {
    return JSON.parse(await fs.readFile(file, "utf8")) as CompileResult;
  } catch {
    const result = await compileLesson(input);
    await fs.mkdir(options.cacheDir, { recursive: true });
    // Write then rename, so a reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(result));
    await fs.rename(temporary, file);
    return result;
  }
}

/** Parses course.yml, pointing each problem at the line of the field concerned. */
function parseCourseFile(text: string, file: string): { meta: CourseMeta | null; problems: ContentProblem[]; lineOf: (key: string, index?: number) => number } {
  const problems: ContentProblem[] = [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOfPath = (p: ReadonlyArray<string | number>): number => {
    for (let depth = p.length; depth > 0; depth--) {
      const node = doc.getIn(p.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    const top = String(p[0] ?? "");
    const index = text.split("\n").findIndex((line) => line.startsWith(`${top}:`));
    return index < 0 ? 1 : index + 1;
  };
  const lineOf = (key: string, index?: number) => lineOfPath(index === undefined ? [key] : [key, index]);

  const nonNfc = firstNonNfcLine(text);
  if (nonNfc) problems.push({ file, line: nonNfc, key: "content.notNfc" });

  if (doc.errors.length > 0) {
    const error = doc.errors[0]!;
    problems.push({ file, line: error.linePos?.[0]?.line, key: "content.yamlSyntax", params: { reason: error.message.split("\n")[0] ?? "" } });
    return { meta: null, problems, lineOf };
  }
  const parsed = CourseMeta.safeParse(doc.toJS());
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          problems.push({ file, line: lineOfPath([...issue.path, key]), key: "content.unknownField", params: { field: [...issue.path, key].join(".") } });
        }
      } else {
        problems.push({ file, line: lineOfPath(issue.path), key: "content.badField", params: { field: issue.path.join(".") || "course.yml" } });
      }
    }
    return { meta: null, problems, lineOf };
  }
  return { meta: parsed.data, problems, lineOf };
}

async function loadCourse(options: LoadOptions, slug: string): Promise<{ course: Course | null; problems: ContentProblem[] }> {
  const dir = path.join(options.root, slug);
  const courseFile = `${slug}/course.yml`;
  if (!slugPattern.test(slug)) {
    return { course: null, problems: [{ file: `${slug}/`, key: "content.badCourseSlug", params: { slug } }] };
  }
  if (!(await exists(path.join(dir, "course.yml")))) {
    return { course: null, problems: [{ file: `${slug}/`, key: "content.missingCourseFile" }] };
  }
  const { meta, problems, lineOf } = parseCourseFile(await fs.readFile(path.join(dir, "course.yml"), "utf8"), courseFile);
  if (!meta) return { course: null, problems };

  const files = (await fs.readdir(dir)).filter((name) => name.endsWith(".mdx"));
  const listed = new Set<string>();
  meta.lessons.forEach((lesson, index) => {
    if (listed.has(lesson)) {
      problems.push({ file: courseFile, line: lineOf("lessons", index), key: "content.duplicateLesson", params: { lesson } });
    }
    listed.add(lesson);
    if (!files.includes(`${lesson}.mdx`)) {
      problems.push({ file: courseFile, line: lineOf("lessons", index), key: "content.missingLessonFile", params: { lesson } });
    }
  });
  for (const name of files) {
    const lesson = name.slice(0, -".mdx".length);
    if (!slugPattern.test(lesson)) problems.push({ file: `${slug}/${name}`, key: "content.badLessonSlug", params: { file: name } });
    else if (!listed.has(lesson)) problems.push({ file: `${slug}/${name}`, line: 1, key: "content.unlistedLesson" });
  }

  const lessons: CompiledLesson[] = [];
  // Quiz ids are unique within a course: attempts are stored by course and quiz id.
  const quizIds = new Set<string>();
  for (const lessonSlug of listed) {
    if (!files.includes(`${lessonSlug}.mdx`)) continue;
    const file = `${slug}/${lessonSlug}.mdx`;
    const result = await cachedCompile(options, {
      source: await fs.readFile(path.join(dir, `${lessonSlug}.mdx`), "utf8"),
      file,
      courseSlug: slug,
      lessonSlug,
      language: meta.language,
    });
    problems.push(...result.problems);
    if (!result.lesson) continue;
    for (const media of result.lesson.media) {
      if (!(await exists(path.join(dir, media.file)))) {
        problems.push({ file, line: media.line, key: "content.mediaMissing", params: { file: media.file } });
      }
    }
    for (const quiz of result.lesson.quizzes) {
      if (quizIds.has(quiz.id)) problems.push({ file, key: "content.quizDuplicateQuiz", params: { id: quiz.id } });
      quizIds.add(quiz.id);
    }
    lessons.push(result.lesson);
  }

  return {
    course: { slug, meta, periods: meta.periods ?? Math.ceil(meta.minutes / 45), lessons },
    problems,
  };
}

/** Loads every course under the content folder, in a stable order, with all problems found. */
export async function loadContent(options: LoadOptions): Promise<LoadResult> {
  const entries = await fs.readdir(options.root, { withFileTypes: true });
  const slugs = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith(".") && !e.name.startsWith("_"))
    .map((e) => e.name)
    .sort();
  const courses: Course[] = [];
  const problems: ContentProblem[] = [];
  for (const slug of slugs) {
    const loaded = await loadCourse(options, slug);
    problems.push(...loaded.problems);
    if (loaded.course) courses.push(loaded.course);
  }

  // Links are checked once every course is known, so they may cross courses.
  const lessonsByCourse = new Map(courses.map((c) => [c.slug, new Set(c.lessons.map((l) => l.slug))]));
  for (const course of courses) {
    for (const lesson of course.lessons) {
      for (const link of lesson.links) {
        if (!lessonsByCourse.get(link.course)?.has(link.lesson)) {
          problems.push({
            file: `${course.slug}/${lesson.slug}.mdx`,
            line: link.line,
            key: "content.brokenLink",
            params: { course: link.course, lesson: link.lesson },
          });
        }
      }
    }
  }
  return { courses, problems };
}
