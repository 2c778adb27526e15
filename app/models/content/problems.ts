import { contentEn, contentVi, type ContentMessageKey } from "~/locales/content-check";
import { translate, type Locale, type MessageParams } from "~/utils/i18n";

/**
 * Something wrong in a course's files, located by file (relative to the
 * content folder) and line, with a message key so the check prints it in the
 * trainer's language.
 */
export type ContentProblem = {
  file: string;
  line?: number;
  key: ContentMessageKey;
  params?: MessageParams;
};

/** "course/lesson.mdx:12: message", in the given language. */
export function formatProblem(problem: ContentProblem, locale: Locale): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${translate<ContentMessageKey>(locale, locale === "en" ? contentEn : contentVi, problem.key, problem.params)}`;
}
