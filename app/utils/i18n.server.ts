import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { env } from "~/utils/env.server";
import {
  localeCookieName,
  localeFromCookieHeader,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
  type Messages,
} from "~/utils/i18n";

const catalogues: Record<Locale, Messages> = { vi, en };

/**
 * The language a learner chose, remembered for a year. Without a choice the
 * site is Vietnamese: many learners' phones are set to English although they
 * read Vietnamese, so the browser's Accept-Language is not a good guide.
 */
export function localeCookieHeader(locale: Locale): string {
  const secure = env().PUBLIC_URL.startsWith("https://") ? "; Secure" : "";
  return `${localeCookieName}=${locale}; Path=/; Max-Age=${60 * 60 * 24 * 365}; SameSite=Lax; HttpOnly${secure}`;
}

export async function getLocale(request: Request): Promise<Locale> {
  return localeFromCookieHeader(request.headers.get("Cookie"));
}

export function messagesFor(locale: Locale): Messages {
  return catalogues[locale];
}

/** The translation function for a request, for loaders, actions and meta titles. */
export async function getI18n(request: Request) {
  const locale = await getLocale(request);
  const messages = catalogues[locale];
  return { locale, t: (key: MessageKey, params?: MessageParams) => translate(locale, messages, key, params) };
}
