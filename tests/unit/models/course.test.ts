import { beforeAll, describe, expect, test } from "vitest";
import { allContentPaths, getLesson, listCourses, loadCourses } from "~/models/course.server";
import { toMatchExpression } from "~/models/content/search.server";

beforeAll(async () => {
  await loadCourses({ cacheDir: null });
});

describe("search", () => {
  const titles = (q: string) => listCourses({ q }).map((c) => c.slug);

  test("ignores diacritics and case: the same courses, in the same order", () => {
    const expected = titles("dịch vụ công");
    expect(expected[0]).toBe("dich-vu-cong-truc-tuyen");
    expect(titles("dich vu cong")).toEqual(expected);
    expect(titles("DICH VU CONG")).toEqual(expected);
    expect(titles("DỊCH VỤ CÔNG")).toEqual(expected);
    expect(titles("dịch vụ công".normalize("NFD"))).toEqual(expected);
  });

  test("đ matches d", () => {
    expect(titles("điện thoại")).toEqual(titles("dien thoai"));
    expect(titles("dien thoai")).toContain("dung-dien-thoai-an-toan");
  });

  test("old and new tone placement find the same courses", () => {
    expect(titles("hoà")).toEqual(titles("hòa"));
  });

  test("finds a course by words inside its lessons and names those lessons", () => {
    const [first] = listCourses({ q: "mã QR" });
    expect(first?.slug).toBe("thanh-toan-truc-tuyen");
    expect(first?.matchingLessons.map((l) => l.slug)).toContain("thanh-toan-bang-ma-qr");
  });

  test("matches word prefixes and ignores punctuation", () => {
    expect(toMatchExpression("Lừa đảo!!  qua-mạng")).toBe('"lua"* "dao"* "qua"* "mang"*');
    expect(toMatchExpression(" ?! ")).toBeNull();
    expect(titles('"; DROP TABLE docs; --')).toEqual([]);
  });

  test("nothing found is an empty list, not an error", () => {
    expect(titles("xyzzy khong co")).toEqual([]);
  });
});

describe("filters", () => {
  test("by audience", () => {
    const officials = listCourses({ audience: "officials" });
    expect(officials.length).toBeGreaterThanOrEqual(4);
    expect(officials.every((c) => c.audience.includes("officials"))).toBe(true);
  });

  test("by competence area and level band, combined with search", () => {
    const safety = listCourses({ area: 4 });
    expect(safety.every((c) => c.area === 4)).toBe(true);
    expect(safety.map((c) => c.slug)).toContain("dung-dien-thoai-an-toan");
    expect(listCourses({ level: "specialised" })).toEqual([]);
    const basicResidents = listCourses({ level: "basic", audience: "residents", q: "mua" });
    expect(basicResidents.every((c) => c.levelBand === "basic" && c.audience.includes("residents"))).toBe(true);
  });

  test("the catalogue lists easier courses first and residents' before officials'", () => {
    const all = listCourses();
    const levels = all.map((c) => c.level);
    expect(levels).toEqual([...levels].sort((a, b) => a - b));
    expect(all[0]?.audience).toContain("residents");
  });
});

test("getLesson gives the lesson with its neighbours, or null", () => {
  const found = getLesson("thanh-toan-truc-tuyen", "thanh-toan-bang-ma-qr");
  expect(found?.index).toBe(2);
  expect(found?.previous?.slug).toBe("mo-va-bao-ve-ung-dung-ngan-hang");
  expect(found?.next?.slug).toBe("thanh-toan-hoa-don-va-phi-dich-vu-cong");
  expect(getLesson("thanh-toan-truc-tuyen", "khong-co")).toBeNull();
  expect(getLesson("khong-co", "thanh-toan-bang-ma-qr")).toBeNull();
});

test("the sitemap lists every course and lesson", () => {
  const paths = allContentPaths();
  expect(paths).toContain("/courses/thanh-toan-truc-tuyen");
  expect(paths).toContain("/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr");
  expect(paths.length).toBeGreaterThanOrEqual(48);
});
