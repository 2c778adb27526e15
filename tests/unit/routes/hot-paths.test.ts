import { beforeAll, expect, test } from "vitest";
import { loader as catalogueLoader } from "~/routes/courses._index";
import { loader as courseLoader } from "~/routes/courses.$course._index";
import { loader as lessonLoader } from "~/routes/courses.$course.$lesson";
import { loader as rootLoader } from "~/root";
import { loadCourses } from "~/models/course.server";
import { countQueries, db } from "~/utils/db.server";

beforeAll(async () => {
  await loadCourses({ cacheDir: null });
});

const args = (url: string, params: Record<string, string> = {}) => ({
  request: new Request(`http://localhost${url}`),
  params,
  context: { cspNonce: "" },
});

test("the query counter counts statements, including those in transactions", async () => {
  const { queries } = await countQueries(async () => {
    await db.province.count();
    await db.$transaction([db.province.count(), db.province.count()]);
  });
  expect(queries).toBeGreaterThanOrEqual(3);
});

test("reading a lesson, a course or the catalogue costs no database query", async () => {
  const pages = await countQueries(async () => {
    await rootLoader(args("/"));
    await catalogueLoader(args("/courses?q=dich+vu+cong"));
    await courseLoader(args("/courses/thanh-toan-truc-tuyen", { course: "thanh-toan-truc-tuyen" }));
    return lessonLoader(
      args("/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr", { course: "thanh-toan-truc-tuyen", lesson: "thanh-toan-bang-ma-qr" }),
    );
  });
  expect(pages.result.lesson.title).toBe("Trả tiền bằng mã QR và chuyển khoản");
  expect(pages.queries).toBe(0);
});
