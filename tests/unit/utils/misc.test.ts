import { expect, test } from "vitest";
import { safeRedirectPath } from "~/utils/misc";

test("safeRedirectPath keeps same-site paths", () => {
  expect(safeRedirectPath("/courses?level=1")).toBe("/courses?level=1");
  expect(safeRedirectPath("/courses/a#b")).toBe("/courses/a#b");
});

test.each(["//evil.example", "/\\evil.example", "https://evil.example/", "evil", "", "/a\nb", 42, undefined])(
  "safeRedirectPath refuses %j",
  (to) => {
    expect(safeRedirectPath(to)).toBe("/");
  },
);
