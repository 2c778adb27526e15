import { describe, expect, test } from "vitest";
import { formatVietnamesePhone, normalizeVietnamesePhone, parseIdentifier } from "~/utils/phone";

describe("Vietnamese mobile numbers", () => {
  test.each([
    "0912 345 678",
    "0912345678",
    "0912.345.678",
    "0912-345-678",
    "+84912345678",
    "+84 912 345 678",
    "84912345678",
    "0084912345678",
    "+84 (0) 912 345 678",
    "０９１２３４５６７８", // full-width digits from some Vietnamese keyboards
  ])("%s is +84912345678", (input) => {
    expect(normalizeVietnamesePhone(input)).toBe("+84912345678");
  });

  test.each([
    ["0212345678", "landline-style prefix 02"],
    ["0412345678", "no mobile prefix 04"],
    ["091234567", "nine digits"],
    ["09123456789", "eleven digits"],
    ["+1 912 345 678", "another country"],
    ["0912abc678", "letters"],
    ["", "empty"],
  ])("%s is refused (%s)", (input) => {
    expect(normalizeVietnamesePhone(input)).toBeNull();
  });

  test("numbers print the way Vietnamese people read them", () => {
    expect(formatVietnamesePhone("+84912345678")).toBe("0912 345 678");
  });
});

describe("sign-in identifiers", () => {
  test("an email is lower-cased and trimmed; a phone number is normalised", () => {
    expect(parseIdentifier("  An.Nguyen@Example.VN ")).toEqual({ kind: "email", email: "an.nguyen@example.vn" });
    expect(parseIdentifier("0987 654 321")).toEqual({ kind: "phone", phone: "+84987654321" });
  });

  test("anything else is not an identifier", () => {
    expect(parseIdentifier("an@")).toBeNull();
    expect(parseIdentifier("nguyen van an")).toBeNull();
  });
});
