import { describe, expect, test } from "vitest";
import { contentEn, contentVi } from "~/locales/content-check";
import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { formatDate, formatNumber, localeFromCookieHeader, translate, type Messages } from "~/utils/i18n";

describe("catalogues", () => {
  test("English defines exactly the Vietnamese keys", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
  });

  test("the content check's messages exist in both languages too", () => {
    expect(Object.keys(contentEn).sort()).toEqual(Object.keys(contentVi).sort());
  });

  test("every message is non-empty Unicode NFC with the same placeholders in both languages", () => {
    const pairs: [string, string, string][] = [
      ...Object.entries(vi).map(([key, text]): [string, string, string] => [key, text, en[key as keyof typeof vi]]),
      ...Object.entries(contentVi).map(([key, text]): [string, string, string] => [key, text, contentEn[key as keyof typeof contentVi]]),
    ];
    for (const [key, text, english] of pairs) {
      expect(text.trim(), key).not.toBe("");
      expect(english.trim(), key).not.toBe("");
      expect(text, key).toBe(text.normalize("NFC"));
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(english), key).toEqual(placeholders(text));
    }
  });
});

describe("translate", () => {
  test("fills placeholders and formats numbers for the locale", () => {
    const messages: Messages = { ...vi, "error.status": "{status} · {n}" };
    expect(translate("vi", messages, "error.status", { status: "404", n: 1234 })).toBe("404 · 1.234");
    expect(translate("en", messages, "error.status", { status: "404", n: 1234 })).toBe("404 · 1,234");
  });

  test("leaves unknown placeholders visible rather than printing undefined", () => {
    expect(translate("vi", vi, "error.status")).toBe("Mã trạng thái {status}");
  });
});

describe("formatting", () => {
  test("dates are shown in Vietnam's time zone in the reader's language", () => {
    const late = new Date("2026-11-23T20:00:00Z"); // already 24 November in Hà Nội
    expect(formatDate("vi", late)).toMatch(/24/);
    expect(formatDate("en", late)).toBe("24 Nov 2026");
  });

  test("numbers use the locale's separators", () => {
    expect(formatNumber("vi", 12345.5)).toBe("12.345,5");
    expect(formatNumber("en", 12345.5)).toBe("12,345.5");
  });

  test("formatters are kept per locale and options: a second call with other options formats by those", () => {
    const day = new Date("2026-01-15T03:00:00Z");
    expect(formatDate("vi", day, { day: "2-digit", month: "2-digit", year: "numeric" })).toBe("15/01/2026");
    expect(formatDate("vi", day, { year: "numeric" })).toMatch(/2026/);
    expect(formatDate("vi", day, { year: "numeric" })).not.toMatch(/15/);
    expect(formatDate("en", day, { day: "2-digit", month: "2-digit", year: "numeric" })).toBe("15/01/2026");
    expect(formatNumber("vi", 2.345, { maximumFractionDigits: 1 })).toBe("2,3");
    expect(formatNumber("vi", 2.345)).toBe("2,345");
  });
});

describe("localeFromCookieHeader", () => {
  test("reads the remembered language and defaults to Vietnamese", () => {
    expect(localeFromCookieHeader("a=1; lang=en; b=2")).toBe("en");
    expect(localeFromCookieHeader("lang=vi")).toBe("vi");
    expect(localeFromCookieHeader("lang=fr")).toBe("vi");
    expect(localeFromCookieHeader("xlang=en")).toBe("vi");
    expect(localeFromCookieHeader(null)).toBe("vi");
  });
});
