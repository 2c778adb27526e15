import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";
import {
  formatDate,
  formatNumber,
  translate,
  type Locale,
  type MessageKey,
  type MessageParams,
  type Messages,
} from "~/utils/i18n";

type I18n = { locale: Locale; messages: Messages };

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ locale, messages, children }: I18n & { children: ReactNode }) {
  const value = useMemo(() => ({ locale, messages }), [locale, messages]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error("useT() needs <I18nProvider> above it (entry.server and entry.client set it).");
  return i18n;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

/** The translation function for the current page's language. */
export function useT() {
  const { locale, messages } = useI18n();
  return useCallback(
    (key: MessageKey, params?: MessageParams) => translate(locale, messages, key, params),
    [locale, messages],
  );
}

/** Locale-aware formatters: dates in Vietnam's time zone, numbers with the locale's separators. */
export function useFormat() {
  const locale = useLocale();
  return useMemo(
    () => ({
      date: (d: Date | string | number, o?: Intl.DateTimeFormatOptions) => formatDate(locale, d, o),
      number: (n: number, o?: Intl.NumberFormatOptions) => formatNumber(locale, n, o),
    }),
    [locale],
  );
}
