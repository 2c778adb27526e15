import { beforeAll, expect, test } from "vitest";
import { loadCourses } from "~/models/course.server";
import { loader } from "~/routes/media.$course.$file";

beforeAll(async () => {
  await loadCourses({ root: "tests/fixtures/content-valid", cacheDir: null });
});

const get = (course: string, file: string) =>
  loader({ request: new Request(`http://localhost/media/${course}/${file}`), params: { course, file }, context: { cspNonce: "" } });

test("serves a course's media with its type and a sandboxing policy", async () => {
  const response = await get("mau-day-du", "so-do.svg");
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("image/svg+xml");
  expect(response.headers.get("Content-Security-Policy")).toContain("sandbox");
  expect(await response.text()).toContain("<svg");
  expect((await get("mau-day-du", "clip.vtt")).headers.get("Content-Type")).toContain("text/vtt");
});

test.each([
  ["mau-day-du", "../course.yml"],
  ["mau-day-du", "..%2Fcourse.yml"],
  ["mau-day-du", ".hidden.svg"],
  ["mau-day-du", "khong-co.svg"],
  ["mau-day-du", "script.js"],
  ["khong-co-khoa", "so-do.svg"],
  ["../etc", "passwd"],
])("refuses %s/%s with 404", async (course, file) => {
  const thrown = await get(course, file).then(
    () => null,
    (error: unknown) => error,
  );
  expect(thrown).toBeInstanceOf(Response);
  expect((thrown as Response).status).toBe(404);
});
