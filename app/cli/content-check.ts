/**
 * `npm run content:check [-- folder] [--lang en]`: compiles every lesson and
 * checks every course, printing each problem as file:line: message. Exits 1
 * when there is any problem, so `npm test` and CI fail on broken content.
 */
import path from "node:path";
import { loadContent } from "~/models/content/library.server";
import { formatProblem } from "~/models/content/problems";
import { contentRoot } from "~/models/course.server";
import { isLocale, type Locale } from "~/utils/i18n";

const args = process.argv.slice(2);
const langIndex = args.indexOf("--lang");
const lang = langIndex >= 0 ? args.splice(langIndex, 2)[1] : process.env.HOCSO_LANG;
const locale: Locale = isLocale(lang) ? lang : "vi";
const root = args[0] ? path.resolve(args[0]) : contentRoot;

const started = performance.now();
// No cache: the check compiles everything, as a fresh machine would.
const { courses, problems } = await loadContent({ root });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);

for (const problem of problems) console.log(formatProblem(problem, locale));
const summary =
  locale === "en"
    ? `${courses.length} courses, ${lessons} lessons checked in ${seconds} s: ${problems.length} problems.`
    : `Đã kiểm tra ${courses.length} khóa học, ${lessons} bài học trong ${seconds} giây: ${problems.length} lỗi.`;
console.log(summary);
process.exit(problems.length > 0 ? 1 : 0);
