/**
 * Part of `npm run build`: compiles every lesson into the compile cache
 * (.cache/content), so the server's start-up only reads results.
 */
import { formatProblem } from "~/models/content/problems";
import { loadCourses } from "~/models/course.server";

const started = performance.now();
const { courses, problems } = await loadCourses();
const lessons = courses.reduce((n, c) => n + c.lessons.length, 0);
console.log(`Compiled ${courses.length} courses, ${lessons} lessons in ${Math.round(performance.now() - started)} ms.`);
for (const problem of problems) console.warn(formatProblem(problem, "en"));
