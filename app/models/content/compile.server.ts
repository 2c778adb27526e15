/**
 * Compiles one lesson: MDX → checked, static HTML plus what the reader and
 * the search index need (headings, sources, plain text). Runs when content
 * is built or loaded, never while answering a request.
 */
import { bundleMDX } from "mdx-bundler";
import { getMDXComponent } from "mdx-bundler/client";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createMdxComponents } from "~/components/mdx/components";
import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { isSafeUrl } from "~/models/content/links";
import type { ContentProblem } from "~/models/content/problems";
import {
  componentNames,
  componentProps,
  LessonFrontmatter,
  slugPattern,
  type ComponentName,
  type SourceCitation,
} from "~/models/content/schema";
import { parseQuiz, type QuizDefinition, type QuizNode } from "~/models/content/quiz.server";
import type { Locale } from "~/utils/i18n";
import { foldVietnamese } from "~/utils/text";

/** Raise when the output of compileLesson changes, so cached results are rebuilt. */
export const COMPILER_VERSION = 3;

export type TocEntry = { id: string; text: string; depth: 2 | 3 };
export type LessonLink = { line?: number; course: string; lesson: string };
export type MediaRef = { line?: number; file: string };

export type CompiledLesson = LessonFrontmatter & {
  slug: string;
  html: string;
  toc: TocEntry[];
  sources: SourceCitation[];
  /** Lesson text without markup, for the search index. */
  text: string;
  links: LessonLink[];
  media: MediaRef[];
  /** Quizzes with their keys: server-only (see models/quiz.server.ts for what browsers get). */
  quizzes: QuizDefinition[];
};

export type CompileInput = {
  source: string;
  /** Path shown in problems, relative to the content folder. */
  file: string;
  courseSlug: string;
  lessonSlug: string;
  /** The course's language: labels inside lessons (callout titles) follow the content, not the reader's UI. */
  language: Locale;
};

export type CompileResult = { lesson: CompiledLesson | null; problems: ContentProblem[] };

// Minimal shapes of the MDX syntax tree nodes this file reads.
type Position = { start: { line: number } };
type Attribute =
  | { type: "mdxJsxAttribute"; name: string; value?: string | null | { type: string; value: string } }
  | { type: "mdxJsxExpressionAttribute"; value: string };
type MdNode = {
  type: string;
  name?: string | null;
  value?: string;
  url?: string;
  alt?: string | null;
  depth?: number;
  ordered?: boolean | null;
  attributes?: Attribute[];
  children?: MdNode[];
  position?: Position;
  data?: { hProperties?: Record<string, unknown> };
};

/** Finds the first line that is not in Unicode NFC (1-based), or null. */
export function firstNonNfcLine(text: string): number | null {
  const lines = text.split("\n");
  const index = lines.findIndex((line) => line !== line.normalize("NFC"));
  return index < 0 ? null : index + 1;
}

function headingId(text: string, used: Set<string>) {
  const base =
    foldVietnamese(text)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "muc";
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

function textOf(node: MdNode): string {
  if (node.type === "text" || node.type === "inlineCode") return node.value ?? "";
  if (node.type === "mdxJsxTextElement" && node.name === "Term") {
    const attr = node.attributes?.find((a) => a.type === "mdxJsxAttribute" && a.name === "name");
    return typeof attr?.value === "string" ? attr.value : "";
  }
  return (node.children ?? []).map(textOf).join("");
}

/** Same-course links: "slug", "./slug" or "./slug#part". Returns the slug and the rest. */
function relativeLessonLink(url: string): { slug: string; hash: string } | null {
  const match = /^(?:\.\/)?([a-z0-9-]+)(#.*)?$/.exec(url);
  return match?.[1] && slugPattern.test(match[1]) ? { slug: match[1], hash: match[2] ?? "" } : null;
}

type Collected = {
  toc: TocEntry[];
  sources: SourceCitation[];
  links: LessonLink[];
  media: MediaRef[];
  quizzes: QuizDefinition[];
  problems: ContentProblem[];
};

/** The remark pass that checks components and gathers what the reader needs. */
function checkAndCollect(input: CompileInput, collected: Collected) {
  const usedIds = new Set<string>();
  const messages = input.language === "en" ? en : vi;
  const trueFalse = { true: messages["quiz.true"], false: messages["quiz.false"] };
  const problem = (node: MdNode, key: ContentProblem["key"], params?: ContentProblem["params"]) =>
    collected.problems.push({ file: input.file, line: node.position?.start.line, key, params });

  function checkComponent(node: MdNode) {
    const name = node.name ?? "";
    if (!name || !(componentNames as string[]).includes(name)) {
      problem(node, "content.unknownComponent", { name: name || "<>", allowed: componentNames.join(", ") });
      return;
    }
    const props: Record<string, string> = {};
    for (const attribute of node.attributes ?? []) {
      if (attribute.type !== "mdxJsxAttribute") {
        problem(node, "content.propNotText", { component: name, prop: "{…}" });
        continue;
      }
      if (typeof attribute.value === "string") props[attribute.name] = attribute.value;
      else problem(node, "content.propNotText", { component: name, prop: attribute.name });
    }
    const parsed = componentProps[name as ComponentName].safeParse(props);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        if (issue.code === "unrecognized_keys") {
          for (const key of issue.keys) problem(node, "content.unknownProp", { component: name, prop: key });
        } else {
          const prop = String(issue.path[0] ?? "");
          problem(node, props[prop] === undefined ? "content.missingProp" : "content.invalidProp", {
            component: name,
            prop,
          });
        }
      }
      return;
    }
    const children = node.children ?? [];
    if (name === "Steps" && !children.some((c) => c.type === "list" && c.ordered)) {
      problem(node, "content.stepsNeedList");
    }
    if (name === "Video" && textOf(node).trim() === "") problem(node, "content.videoNeedsTranscript");
    if (name === "Source") collected.sources.push(parsed.data as SourceCitation);
    for (const prop of ["src", "captions"] as const) {
      const value = props[prop];
      if ((name === "Figure" || name === "Video") && value) {
        if (/^https:\/\//.test(value) && name === "Video" && prop === "src") continue;
        if (!/^media\/[A-Za-z0-9._-]+$/.test(value)) problem(node, "content.mediaPath", { component: name, prop });
        else collected.media.push({ line: node.position?.start.line, file: value });
      }
    }
  }

  /**
   * Links (written inline or as a reference definition) and images. Lesson
   * links become site addresses and are recorded, so links to lessons that do
   * not exist are reported once every lesson is known.
   */
  function checkAddress(node: MdNode) {
    if (node.type === "image" && !node.alt?.trim()) problem(node, "content.imageNeedsAlt");
    const url = node.url ?? "";
    if (!isSafeUrl(url)) {
      // A data: address can be long; the start is enough to find it.
      problem(node, "content.unsafeLink", { url: url.length > 80 ? `${url.slice(0, 80)}…` : url });
      return;
    }
    if (node.type === "image") return;
    const relative = relativeLessonLink(url);
    const absolute = /^\/courses\/([a-z0-9-]+)\/([a-z0-9-]+)(#.*)?$/.exec(url);
    if (relative) {
      collected.links.push({ line: node.position?.start.line, course: input.courseSlug, lesson: relative.slug });
      node.url = `/courses/${input.courseSlug}/${relative.slug}${relative.hash}`;
    } else if (absolute?.[1] && absolute[2]) {
      collected.links.push({ line: node.position?.start.line, course: absolute[1], lesson: absolute[2] });
    } else if (!/^(https?:|mailto:|tel:|#|\/)/.test(url)) {
      problem(node, "content.badLink", { url });
    }
  }

  function visitAddresses(node: MdNode) {
    if (node.type === "image" || node.type === "link" || node.type === "definition") checkAddress(node);
    for (const child of node.children ?? []) visitAddresses(child);
  }

  function visit(node: MdNode) {
    switch (node.type) {
      case "mdxjsEsm":
        // mdx-bundler adds `export const frontmatter` itself, without a position in the source.
        if (node.position) problem(node, "content.noImports");
        return;
      case "mdxFlowExpression":
      case "mdxTextExpression":
        // {/* comments */} are fine; code is not: lessons are content, not programs.
        if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(node.value ?? "")) problem(node, "content.noExpressions");
        return;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        if (node.name === "Question" || node.name === "Choice" || node.name === "Explanation") {
          problem(node, "content.quizOutside", { name: node.name });
          return;
        }
        checkComponent(node);
        break;
      case "heading": {
        if (node.depth === 1) problem(node, "content.noH1");
        if (node.depth === 2 || node.depth === 3) {
          const text = textOf(node).trim();
          const id = headingId(text, usedIds);
          node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id } };
          collected.toc.push({ id, text, depth: node.depth });
        }
        break;
      }
      case "image":
      case "link":
      case "definition":
        checkAddress(node);
        break;
    }
    const children = node.children ?? [];
    children.forEach((child, index) => {
      if ((child.type === "mdxJsxFlowElement" || child.type === "mdxJsxTextElement") && child.name === "Quiz") {
        // A quiz's prompts, choices and explanations become HTML too: their links obey the lesson's rules.
        visitAddresses(child);
        const quiz = parseQuiz(child as QuizNode, problem as (n: QuizNode, k: ContentProblem["key"], p?: ContentProblem["params"]) => void, trueFalse);
        if (quiz) collected.quizzes.push(quiz);
        // The quiz leaves the lesson's HTML; the page renders it in this slot from its public half.
        children[index] = {
          type: "mdxJsxFlowElement",
          name: "QuizSlot",
          attributes: [{ type: "mdxJsxAttribute", name: "id", value: quiz?.id ?? "" }],
          children: [],
          position: child.position,
        };
        return;
      }
      visit(child);
    });
  }

  return () => (tree: MdNode) => visit(tree);
}

function frontmatterLine(source: string, key: string): number | undefined {
  const index = source.split("\n").findIndex((line) => line.startsWith(`${key}:`));
  return index < 0 ? 1 : index + 1;
}

export async function compileLesson(input: CompileInput): Promise<CompileResult> {
  const problems: ContentProblem[] = [];
  const nonNfc = firstNonNfcLine(input.source);
  if (nonNfc) problems.push({ file: input.file, line: nonNfc, key: "content.notNfc" });

  const collected: Collected = { toc: [], sources: [], links: [], media: [], quizzes: [], problems };
  let bundled: Awaited<ReturnType<typeof bundleMDX>>;
  try {
    bundled = await bundleMDX({
      source: input.source,
      mdxOptions(options) {
        options.remarkPlugins = [...(options.remarkPlugins ?? []), checkAndCollect(input, collected)];
        return options;
      },
      // Syntax errors become content problems; esbuild need not print them too.
      esbuildOptions(options) {
        options.logLevel = "silent";
        return options;
      },
    });
  } catch (error) {
    type EsbuildMessage = {
      text?: string;
      location?: { line?: number };
      detail?: { line?: number; reason?: string; cause?: { line?: number; reason?: string } };
    };
    const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
    problems.push({
      file: input.file,
      line: first?.detail?.cause?.line ?? first?.detail?.line ?? first?.location?.line,
      key: "content.mdxSyntax",
      params: { reason: first?.detail?.cause?.reason ?? first?.detail?.reason ?? first?.text ?? String(error) },
    });
    return { lesson: null, problems };
  }

  const frontmatter = LessonFrontmatter.safeParse(bundled.frontmatter);
  if (!frontmatter.success) {
    for (const issue of frontmatter.error.issues) {
      const field = String(issue.path[0] ?? (issue.code === "unrecognized_keys" ? issue.keys[0] : ""));
      problems.push({
        file: input.file,
        line: frontmatterLine(input.source, field),
        key: issue.code === "unrecognized_keys" ? "content.unknownField" : "content.badField",
        params: { field: issue.code === "unrecognized_keys" ? issue.keys.join(", ") : field },
      });
    }
  }
  if (problems.some((p) => p.key !== "content.notNfc") || !frontmatter.success) {
    return { lesson: null, problems };
  }

  const messages = input.language === "en" ? en : vi;
  const components = createMdxComponents(
    { locale: input.language, messages },
    (src) => `/media/${input.courseSlug}/${src.replace(/^media\//, "")}`,
  );
  const Component = getMDXComponent(bundled.code);
  const html = renderToStaticMarkup(createElement(Component, { components }));
  const text = html
    .replace(/<[^>]+>/g, " ")
    .replace(/&[a-z#0-9]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();

  return {
    lesson: {
      ...frontmatter.data,
      slug: input.lessonSlug,
      html,
      toc: collected.toc,
      sources: collected.sources,
      text,
      links: collected.links,
      media: collected.media,
      quizzes: collected.quizzes,
    },
    problems,
  };
}
