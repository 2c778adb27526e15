import { NavLink, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/components/i18n-provider";
import { LanguageSwitch } from "~/components/layout/language-switch";

export function SiteShell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t("nav.skipToContent")}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to="/" className="brand">
            {t("app.name")}
          </Link>
          <nav aria-label={t("nav.label")} className="site-nav">
            <NavLink to="/" end>
              {t("nav.home")}
            </NavLink>
            <NavLink to="/courses">{t("nav.courses")}</NavLink>
          </nav>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.about")}</p>
          <p>{t("footer.verify")}</p>
        </div>
      </footer>
    </>
  );
}
