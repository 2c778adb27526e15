/**
 * Quizzes written inside lessons, taken apart at compile time.
 *
 * A trainer writes, next to the text it tests:
 *
 *     <Quiz id="kiem-tra" passMark="70" maxAttempts="3" review="after-pass">
 *     <Question id="q1">
 *     Which address is the National Public Service Portal?
 *     <Choice correct>dichvucong.gov.vn</Choice>
 *     <Choice>dichvucong-online.com</Choice>
 *     <Explanation>Official sites end in .gov.vn.</Explanation>
 *     </Question>
 *     </Quiz>
 *
 * The compiler takes the whole <Quiz> out of the lesson, leaving a slot where
 * the page renders it, and splits it in two: what the learner sees (prompts,
 * choices) and the key (which choices are right, accepted answers,
 * explanations). Only the first ever reaches a browser.
 */
import crypto from "node:crypto";
import { toHtml } from "hast-util-to-html";
import { toHast } from "mdast-util-to-hast";
import { z } from "zod";
import { isSafeUrl } from "~/models/content/links";
import type { ContentProblem } from "~/models/content/problems";
import { slugPattern } from "~/models/content/taxonomy";

export const questionTypes = ["single", "multiple", "true-false", "text", "number"] as const;
export type QuestionType = (typeof questionTypes)[number];
export const reviewPolicies = ["after-each", "after-pass", "never"] as const;
export type ReviewPolicy = (typeof reviewPolicies)[number];

const whole = (max: number) =>
  z
    .string()
    .regex(/^\d+$/, "whole number")
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

/** <Quiz> properties, all text in MDX. */
export const QuizProps = z
  .object({
    id: z.string().regex(slugPattern),
    title: z.string().trim().min(1).max(200).optional(),
    passMark: whole(100).default("70"),
    /** Omitted: unlimited. */
    maxAttempts: whole(100).pipe(z.number().min(1)).optional(),
    waitMinutes: whole(60 * 24 * 30).default("0"),
    timeLimitMinutes: whole(600).pipe(z.number().min(1)).optional(),
    /**
     * After the time limit: refuse it (score 0), or grade what was submitted and mark it late.
     * Refusing is the default because results count towards certificates: a time limit that a
     * late attempt could still pass would limit nothing unless a trainer chose so.
     */
    late: z.enum(["grade", "refuse"]).default("refuse"),
    shuffle: z.enum(["none", "questions", "choices", "both"]).default("none"),
    /** Draw this many questions from the pool for each attempt. */
    draw: whole(500).pipe(z.number().min(1)).optional(),
    review: z.enum(reviewPolicies).default("after-each"),
    /** The course's final quiz: course completion needs it passed. */
    final: z.literal("true").optional(),
  })
  .strict();

export const QuestionProps = z
  .object({
    id: z.string().regex(slugPattern),
    type: z.enum(questionTypes).default("single"),
    /** true-false: "true" or "false". text: accepted answers separated by "|". number: the value. */
    answer: z.string().min(1).optional(),
    tolerance: z
      .string()
      .regex(/^\d+(\.\d+)?$/)
      .transform(Number)
      .optional(),
    ignoreDiacritics: z.literal("true").optional(),
  })
  .strict();

export const ChoiceProps = z.object({ correct: z.literal("true").optional() }).strict();

export type QuizSettings = Omit<z.infer<typeof QuizProps>, "final"> & { final: boolean };

export type PublicChoice = { id: string; html: string };
export type PublicQuestion = { id: string; type: QuestionType; promptHtml: string; choices: PublicChoice[] };

/** What a learner may see before answering: no keys, no explanations. */
export type PublicQuiz = { id: string; version: string; settings: QuizSettings; questions: PublicQuestion[] };

export type QuestionKey = {
  id: string;
  type: QuestionType;
  correctChoices: string[];
  acceptedAnswers: string[];
  number?: { value: number; tolerance: number };
  ignoreDiacritics: boolean;
  explanationHtml: string | null;
};

/** Server-only: the whole quiz, with its key. */
export type QuizDefinition = PublicQuiz & { keys: Record<string, QuestionKey> };

// Minimal shapes of the MDX nodes read here (see compile.server.ts).
type Attribute =
  | { type: "mdxJsxAttribute"; name: string; value?: string | null | { type: string; value: string } }
  | { type: "mdxJsxExpressionAttribute"; value: string };
export type QuizNode = {
  type: string;
  name?: string | null;
  value?: string;
  attributes?: Attribute[];
  children?: QuizNode[];
  position?: { start: { line: number } };
};

type Problem = (node: QuizNode, key: ContentProblem["key"], params?: ContentProblem["params"]) => void;

const isElement = (node: QuizNode, name: string) =>
  (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") && node.name === name;

/** Attributes as text; a bare attribute (<Choice correct>) reads "true". */
function attributesOf(node: QuizNode, problem: Problem): Record<string, string> {
  const props: Record<string, string> = {};
  for (const attribute of node.attributes ?? []) {
    if (attribute.type !== "mdxJsxAttribute") {
      problem(node, "content.propNotText", { component: node.name ?? "", prop: "{…}" });
    } else if (attribute.value === null || attribute.value === undefined) {
      props[attribute.name] = "true";
    } else if (typeof attribute.value === "string") {
      props[attribute.name] = attribute.value;
    } else {
      problem(node, "content.propNotText", { component: node.name ?? "", prop: attribute.name });
    }
  }
  return props;
}

function reportSchema(node: QuizNode, component: string, props: Record<string, string>, error: z.ZodError, problem: Problem) {
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) problem(node, "content.unknownProp", { component, prop: key });
      continue;
    }
    const prop = String(issue.path[0] ?? "");
    if (component === "Quiz" && prop === "passMark") problem(node, "content.quizPassMark");
    else problem(node, props[prop] === undefined ? "content.missingProp" : "content.invalidProp", { component, prop });
  }
}

type HastNode = { type: string; properties?: Record<string, unknown>; children?: HastNode[] };

/**
 * Drops any href or src that could run code. The content check already
 * refuses such links (compile.server.ts); this is the second lock, because
 * the page inserts quiz HTML as it is.
 */
function withoutUnsafeAddresses(node: HastNode) {
  for (const name of ["href", "src"]) {
    const value = node.properties?.[name];
    if (value !== undefined && (typeof value !== "string" || !isSafeUrl(value))) delete node.properties![name];
  }
  for (const child of node.children ?? []) withoutUnsafeAddresses(child);
}

/** Markdown nodes to HTML. Components inside prompts are not supported: reported, then left out. */
export function quizHtml(nodes: QuizNode[], problem: Problem, { unwrapParagraph = false } = {}): string {
  const plain: QuizNode[] = [];
  for (const node of nodes) {
    if (node.type.startsWith("mdxJsx") || node.type.startsWith("mdxFlow") || node.type.startsWith("mdxText")) {
      problem(node, "content.quizComponentInside", { name: node.name ?? "{…}" });
      continue;
    }
    plain.push(node);
  }
  const root = { type: "root", children: plain } as unknown as Parameters<typeof toHast>[0];
  const hast = toHast(root);
  withoutUnsafeAddresses(hast as HastNode);
  let html = toHtml(hast).trim();
  if (unwrapParagraph) html = html.replace(/^<p>([\s\S]*)<\/p>$/, "$1");
  return html;
}

export function versionOf(definition: Omit<QuizDefinition, "version">): string {
  return crypto.createHash("sha256").update(JSON.stringify(definition)).digest("hex").slice(0, 12);
}

/**
 * Reads one <Quiz> node into a definition, reporting every problem with its
 * line. Returns null when the quiz cannot be used.
 */
export function parseQuiz(node: QuizNode, problem: Problem, labels: { true: string; false: string }): QuizDefinition | null {
  const before = { count: 0 };
  const counting: Problem = (n, key, params) => {
    before.count++;
    problem(n, key, params);
  };
  const quizProps = attributesOf(node, counting);
  const settingsResult = QuizProps.safeParse(quizProps);
  if (!settingsResult.success) reportSchema(node, "Quiz", quizProps, settingsResult.error, counting);

  const questions: PublicQuestion[] = [];
  const keys: Record<string, QuestionKey> = {};
  for (const child of node.children ?? []) {
    if (!isElement(child, "Question")) {
      // Blank lines between questions are fine; anything else belongs in a question.
      if (child.type === "paragraph" || child.type.startsWith("mdxJsx") || child.type === "list" || child.type === "heading") {
        counting(child, "content.quizOnlyQuestions");
      }
      continue;
    }
    const parsed = parseQuestion(child, counting, labels);
    if (!parsed) continue;
    if (keys[parsed.question.id]) {
      counting(child, "content.quizDuplicateQuestion", { id: parsed.question.id });
      continue;
    }
    questions.push(parsed.question);
    keys[parsed.question.id] = parsed.key;
  }

  if (questions.length === 0) counting(node, "content.quizEmpty");
  const settings = settingsResult.success ? { ...settingsResult.data, final: settingsResult.data.final === "true" } : null;
  if (settings?.draw && settings.draw > questions.length) {
    counting(node, "content.quizPoolTooSmall", { draw: settings.draw, questions: questions.length });
  }
  if (before.count > 0 || !settings) return null;
  const definition = { id: settings.id, settings, questions, keys };
  return { ...definition, version: versionOf(definition) };
}

function parseQuestion(node: QuizNode, problem: Problem, labels: { true: string; false: string }) {
  const props = attributesOf(node, problem);
  const result = QuestionProps.safeParse(props);
  if (!result.success) {
    reportSchema(node, "Question", props, result.error, problem);
    return null;
  }
  const { id, type, answer, tolerance, ignoreDiacritics } = result.data;
  const children = node.children ?? [];
  const choiceNodes = children.filter((c) => isElement(c, "Choice"));
  const explanationNode = children.find((c) => isElement(c, "Explanation"));
  const promptNodes = children.filter((c) => !isElement(c, "Choice") && !isElement(c, "Explanation"));
  const promptHtml = quizHtml(promptNodes, problem);
  if (!promptHtml) problem(node, "content.quizNoPrompt", { id });
  const explanationHtml = explanationNode ? quizHtml(explanationNode.children ?? [], problem) : null;

  const key: QuestionKey = { id, type, correctChoices: [], acceptedAnswers: [], ignoreDiacritics: ignoreDiacritics === "true", explanationHtml };
  const question: PublicQuestion = { id, type, promptHtml, choices: [] };

  if (type === "single" || type === "multiple") {
    choiceNodes.forEach((choice, index) => {
      const choiceProps = attributesOf(choice, problem);
      const parsed = ChoiceProps.safeParse(choiceProps);
      if (!parsed.success) reportSchema(choice, "Choice", choiceProps, parsed.error, problem);
      const choiceId = `c${index + 1}`;
      question.choices.push({ id: choiceId, html: quizHtml(choice.children ?? [], problem, { unwrapParagraph: true }) });
      if (parsed.success && parsed.data.correct) key.correctChoices.push(choiceId);
    });
    if (question.choices.length < 2) problem(node, "content.quizTooFewChoices", { id });
    if (key.correctChoices.length === 0) problem(node, "content.quizNoCorrectChoice", { id });
    if (type === "single" && key.correctChoices.length > 1) problem(node, "content.quizSingleManyCorrect", { id });
    if (answer) problem(node, "content.unknownProp", { component: "Question", prop: "answer" });
  } else {
    if (choiceNodes.length > 0) problem(node, "content.quizChoicesNotAllowed", { id, type });
    if (!answer) {
      problem(node, "content.missingProp", { component: "Question", prop: "answer" });
    } else if (type === "true-false") {
      if (answer !== "true" && answer !== "false") problem(node, "content.invalidProp", { component: "Question", prop: "answer" });
      question.choices = [
        { id: "true", html: labels.true },
        { id: "false", html: labels.false },
      ];
      key.correctChoices = [answer];
    } else if (type === "number") {
      const value = Number(answer.replace(",", "."));
      if (!Number.isFinite(value)) problem(node, "content.invalidProp", { component: "Question", prop: "answer" });
      key.number = { value, tolerance: tolerance ?? 0 };
    } else {
      key.acceptedAnswers = answer.split("|").map((a) => a.trim()).filter(Boolean);
    }
  }
  return { question, key };
}

/** What the browser may receive of a quiz. */
export function publicQuiz(definition: QuizDefinition): PublicQuiz {
  const { keys: _keys, ...visible } = definition;
  return visible;
}
