import { describe, expect, test } from "vitest";
import { foldVietnamese, nfc, stripControlCharacters } from "~/utils/text";

describe("foldVietnamese", () => {
  test("ignores case, tone marks and other diacritics", () => {
    const folded = foldVietnamese("Dịch vụ công");
    expect(foldVietnamese("dich vu cong")).toBe(folded);
    expect(foldVietnamese("DỊCH VỤ CÔNG")).toBe(folded);
    expect(foldVietnamese("DICH VU CONG")).toBe(folded);
  });

  test("maps đ and Đ to d", () => {
    expect(foldVietnamese("Đăng ký điện tử")).toBe("dang ky dien tu");
  });

  test("folds old and new tone placement alike", () => {
    expect(foldVietnamese("hoà")).toBe(foldVietnamese("hòa"));
    expect(foldVietnamese("Thuỷ")).toBe(foldVietnamese("Thủy"));
  });

  test("folds decomposed (NFD) input like precomposed", () => {
    expect(foldVietnamese("Việt".normalize("NFD"))).toBe("viet");
  });
});

test("nfc composes decomposed Vietnamese", () => {
  const decomposed = "Học Số".normalize("NFD");
  expect(decomposed).not.toBe("Học Số");
  expect(nfc(decomposed)).toBe("Học Số");
});

test("stripControlCharacters keeps line breaks and tabs", () => {
  expect(stripControlCharacters("a\u0000b\u0007c\nd\te\u007f")).toBe("abc\nd\te");
});
