import { expect, test } from "vitest";
import { safeRedirectPath } from "~/utils/misc";

test("safeRedirectPath keeps same-site paths", () => {
  expect(safeRedirectPath("/courses?level=1")).toBe("/courses?level=1");
  expect(safeRedirectPath("/courses/a#b")).toBe("/courses/a#b");
  expect(safeRedirectPath("/courses/a/../b")).toBe("/courses/b");
  // Encoded separators stay encoded: the browser asks this site for that path.
  expect(safeRedirectPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  expect(safeRedirectPath("/%09/evil")).toBe("/%09/evil");
});

test("safeRedirectPath percent-encodes what a Location header cannot carry", () => {
  expect(safeRedirectPath("/ữ")).toBe("/%E1%BB%AF");
  expect(safeRedirectPath("/courses?q=tiếng việt#mục")).toBe("/courses?q=ti%E1%BA%BFng%20vi%E1%BB%87t#m%E1%BB%A5c");
});

// Each of these would send the browser to another site, or is not a path at all.
const offSite = [
  "//evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/./\\evil.example",
  "/../\\evil.example",
  "/x/../\\evil.example",
  "/..//evil.example",
  "/.//evil.example",
  "/x/..//evil.example",
  "/%2e%2e//evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\r\n/evil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "evil",
  "?redirect",
  "#top",
  "",
  "/a\nb",
  "/a\u0000b",
  "/a\u007fb",
  `/${"a".repeat(3000)}`,
  `/${"ữ".repeat(1000)}`,
  42,
  null,
  undefined,
  ["/courses"],
];

test.each(offSite.map((to) => [JSON.stringify(to)?.slice(0, 40) ?? String(to), to]))("safeRedirectPath refuses %s", (_, to) => {
  expect(safeRedirectPath(to)).toBe("/");
  expect(safeRedirectPath(to, "/courses")).toBe("/courses");
});

test("whatever it is given, the answer is one same-site ASCII path", () => {
  const samples = [...offSite, "/./%5Cevil.example", "/%5Cevil", "/x/..%2f..%2f%5cevil", "/ /evil", "/\u3000/evil", "/courses?next=//evil"];
  for (const to of samples) {
    const path = safeRedirectPath(to);
    expect(path, JSON.stringify(to)).toMatch(/^\/(?![/\\])[\x21-\x7e]*$/);
    expect(new URL(path, "https://hocso.example").origin).toBe("https://hocso.example");
  }
});
