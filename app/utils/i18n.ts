/**
 * Message catalogues and formatting, shared by server and browser.
 *
 * Vietnamese is the source catalogue: its keys are the type of every message
 * key, and the English catalogue must define exactly the same keys (the
 * typecheck fails otherwise). The server imports both catalogues; the browser
 * loads only the one the page was rendered in (see entry.client.tsx).
 */
import type { vi } from "~/locales/vi";

export const locales = ["vi", "en"] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = "vi";

export type MessageKey = keyof typeof vi;
export type Messages = Record<MessageKey, string>;
export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

export const localeCookieName = "lang";

/** The language remembered in the request's cookie, or the default. */
export function localeFromCookieHeader(cookieHeader: string | null | undefined): Locale {
  const match = new RegExp(`(?:^|;\\s*)${localeCookieName}=([^;]*)`).exec(cookieHeader ?? "");
  const value = match?.[1]?.trim();
  return isLocale(value) ? value : defaultLocale;
}

/** BCP 47 tags for Intl, so dates read "23 thg 11, 2026" in Vietnamese. */
const intlTags: Record<Locale, string> = { vi: "vi-VN", en: "en-GB" };

/**
 * Replaces {name} placeholders. Numbers are formatted for the locale, so
 * "{count} bài học" reads "1.234 bài học" in Vietnamese.
 */
export function translate<K extends string = MessageKey>(
  locale: Locale,
  messages: Record<K, string>,
  key: K,
  params?: MessageParams,
): string {
  const template = messages[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(locale, value) : value;
  });
}

/**
 * Building an Intl formatter costs far more than using one (it loads locale
 * data), and pages format hundreds of numbers and dates: keep one per locale
 * and options. Options are few and fixed in code, so the caches stay small.
 */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
  const key = options ? `${locale}${JSON.stringify(options)}` : locale;
  return cached(numberFormats, key, () => new Intl.NumberFormat(intlTags[locale], options)).format(value);
}

/** The calendar day in Vietnam (YYYY-MM-DD), whatever the server's time zone: learning days and certificate years count by it. */
export function vietnamDay(date: Date): string {
  return cached(dateFormats, "day", () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" })).format(date);
}

/**
 * The last instant of a day of Vietnam's calendar ("2027-01-15"): what a due
 * date means, so a course due that day is overdue from 00:00 on the next.
 * Vietnam keeps UTC+7 all year (no summer time), so the offset is fixed.
 */
export function endOfVietnamDay(day: string): Date {
  return new Date(`${day}T23:59:59.999+07:00`);
}

export function formatDate(locale: Locale, date: Date | string | number, options?: Intl.DateTimeFormatOptions) {
  // Learners are in Vietnam; render their dates there whatever the server's zone.
  const key = options ? `${locale}${JSON.stringify(options)}` : locale;
  // Intl refuses a style together with single fields: asking for fields (dd/mm/yyyy) drops the default style.
  const fields = options && ["year", "month", "day", "weekday", "hour", "minute"].some((f) => f in options);
  const style: Intl.DateTimeFormatOptions = fields ? {} : { dateStyle: "medium" };
  return cached(dateFormats, key, () => new Intl.DateTimeFormat(intlTags[locale], { ...style, timeZone: "Asia/Ho_Chi_Minh", ...options })).format(new Date(date));
}

export async function loadMessages(locale: Locale): Promise<Messages> {
  // Separate dynamic imports give each catalogue its own hashed, cacheable file.
  return locale === "en" ? (await import("~/locales/en")).en : (await import("~/locales/vi")).vi;
}
