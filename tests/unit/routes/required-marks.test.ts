import { beforeAll, expect, test } from "vitest";
import { cookieFrom, createUser, signedInRequest } from "../../setup/accounts";
import { loader as catalogueLoader } from "~/routes/courses._index";
import { loader as courseLoader } from "~/routes/courses.$course._index";
import { loader as meLoader } from "~/routes/me";
import { loader as rootLoader } from "~/root";
import { loadCourses } from "~/models/course.server";
import { expiringSoon } from "~/models/certificate.server";
import { courseProgress, dashboard, enroll } from "~/models/progress.server";
import { endOfVietnamDay } from "~/utils/i18n";
import { countQueries, db } from "~/utils/db.server";
import { runInRequestScope } from "~/utils/request-scope.server";

const course = "thanh-toan-truc-tuyen";

beforeAll(async () => {
  await loadCourses({ cacheDir: null });
});

const args = (url: string, cookie?: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`, { headers: cookie ? { Cookie: cookie } : {} }),
  params,
  context: { cspNonce: "" },
});

/** An official with a course required of them (due in the past: overdue) and another course enrolled in. */
async function officialWithMarks() {
  const { id } = await createUser({ learnerGroup: "official" });
  const dueAt = endOfVietnamDay("2026-01-15");
  const assignment = await db.assignment.create({ data: { courseSlug: course, dueDate: dueAt } });
  await db.learnerAssignment.create({ data: { assignmentId: assignment.id, userId: id, courseSlug: course, dueAt } });
  await enroll({ userId: id, courseSlug: "dich-vu-cong-truc-tuyen" });
  const { setCookie } = await signedInRequest(id);
  return { id, cookie: cookieFrom(setCookie) };
}

test("signed out, the catalogue and a course page still cost no query, and mark nothing", async () => {
  const { result, queries } = await countQueries(() =>
    runInRequestScope("test", async () => {
      await rootLoader(args("/courses"));
      const catalogue = await catalogueLoader(args("/courses"));
      const page = await courseLoader(args(`/courses/${course}`, undefined, { course }));
      return { catalogue, page };
    }),
  );
  expect(queries).toBe(0);
  expect(result.catalogue.marks).toEqual({});
  expect(result.page.mark).toBeNull();
});

test("signed in, the catalogue adds one query to the session the root has looked up, and marks the learner's courses", async () => {
  const { cookie } = await officialWithMarks();
  const { result, queries } = await runInRequestScope("test", async () => {
    await rootLoader(args("/courses", cookie));
    return countQueries(() => catalogueLoader(args("/courses", cookie)));
  });
  expect(queries).toBe(1);
  expect(result.marks[course]).toEqual({ enrolled: false, completed: false, requiredDue: endOfVietnamDay("2026-01-15"), overdue: true });
  expect(result.marks["dich-vu-cong-truc-tuyen"]).toMatchObject({ enrolled: true, requiredDue: null });
});

test("signed in, a course page adds one query to reading the learner's progress", async () => {
  const { id, cookie } = await officialWithMarks();
  const progress = await countQueries(() => courseProgress({ userId: id, courseSlug: course }));
  const { result, queries } = await runInRequestScope("test", async () => {
    await rootLoader(args(`/courses/${course}`, cookie));
    return countQueries(() => courseLoader(args(`/courses/${course}`, cookie, { course })));
  });
  expect(queries).toBe(progress.queries + 1);
  expect(result.mark).toMatchObject({ requiredDue: endOfVietnamDay("2026-01-15"), overdue: true });
});

test("/me shows the required courses first, for one query more than the rest of the page", async () => {
  const { id, cookie } = await officialWithMarks();
  const rest = await countQueries(() => Promise.all([dashboard({ userId: id }), expiringSoon({ userId: id })]));
  const { result, queries } = await runInRequestScope("test", async () => {
    await rootLoader(args("/me", cookie));
    return countQueries(() => meLoader(args("/me", cookie)));
  });
  expect(queries).toBe(rest.queries + 1);
  expect(result.required).toMatchObject({ shown: true, sharesWithUnit: false, courses: [{ slug: course, state: "overdue", progress: null }] });
});

test("/me has no required section for a resident with nothing required", async () => {
  const { id } = await createUser({ learnerGroup: "resident" });
  const { setCookie } = await signedInRequest(id);
  const data = await meLoader(args("/me", cookieFrom(setCookie)));
  expect(data.required).toEqual({ shown: false, courses: [], sharesWithUnit: false });
});
