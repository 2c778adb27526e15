import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nProvider } from "~/components/i18n-provider";
import { RequestIdContext } from "~/components/request-id";
import { defaultLocale, isLocale, loadMessages } from "~/utils/i18n";

// The server rendered the page in the language on <html lang>; load only that
// catalogue before hydrating, so the first client render matches the HTML.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : defaultLocale;
// The id of the request that rendered this page, shown on its error page.
const requestId = document.documentElement.dataset.requestId ?? "";

void loadMessages(locale).then((messages) => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nProvider locale={locale} messages={messages}>
          <RequestIdContext.Provider value={requestId}>
            <RemixBrowser />
          </RequestIdContext.Provider>
        </I18nProvider>
      </StrictMode>,
    );
  });
});
