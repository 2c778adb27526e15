import { useLocation } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";

/**
 * A plain form, so it works without JavaScript. It reloads the whole document
 * on purpose: the browser then loads the other language's catalogue.
 */
export function LanguageSwitch() {
  const t = useT();
  const location = useLocation();
  const other = t("language.otherCode");
  return (
    <form method="post" action="/language" className="language-switch" aria-label={t("language.label")}>
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      <button type="submit" name="lang" value={other} lang={other}>
        {t("language.other")}
      </button>
    </form>
  );
}
