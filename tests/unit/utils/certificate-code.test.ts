import { expect, test } from "vitest";
import { CODE_ALPHABET, formatShortCode, isPublicId, newPublicId, newShortCode, normaliseShortCode } from "~/utils/certificate-code";

test("public ids carry 128 random bits in 22 URL-safe characters", () => {
  const ids = new Set(Array.from({ length: 1000 }, newPublicId));
  expect(ids.size).toBe(1000);
  for (const id of ids) expect(isPublicId(id)).toBe(true);
  expect(isPublicId("short")).toBe(false);
  expect(isPublicId("../../../../etc/passwd12")).toBe(false);
});

test("short codes avoid 0, O, 1 and I, and read back however they are typed", () => {
  expect(CODE_ALPHABET).not.toMatch(/[0O1I]/);
  for (let i = 0; i < 200; i++) {
    const code = newShortCode();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(normaliseShortCode(code)).toBe(code);
    expect(normaliseShortCode(formatShortCode(code).toLowerCase())).toBe(code);
    expect(normaliseShortCode(` ${code.slice(0, 5)} ${code.slice(5)} `)).toBe(code);
  }
});

test("any one mistyped character is caught by the check character", () => {
  for (let n = 0; n < 50; n++) {
    const code = newShortCode();
    for (let position = 0; position < code.length; position++) {
      for (const replacement of CODE_ALPHABET) {
        if (replacement === code[position]) continue;
        const typo = code.slice(0, position) + replacement + code.slice(position + 1);
        expect(normaliseShortCode(typo), `${code} → ${typo}`).toBeNull();
      }
    }
  }
});

test("malformed codes are refused, not looked up", () => {
  for (const bad of ["", "ABC", "ABCDEFGHJKL", "0OIL-1234-56", "<script>", "ABCD-EFGH-J\u0000"]) expect(normaliseShortCode(bad)).toBeNull();
});
