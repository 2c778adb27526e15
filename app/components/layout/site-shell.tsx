import { Form, Link, NavLink, useLocation, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/components/i18n-provider";
import { LanguageSwitch } from "~/components/layout/language-switch";

type RootData = { user: { fullName: string; role: string } | null };

export function SiteShell({ children }: { children: ReactNode }) {
  const t = useT();
  const user = useRouteLoaderData<RootData>("root")?.user ?? null;
  const location = useLocation();
  // After signing in, come back to the page the link was on (not to the sign-in pages themselves).
  const here = /^\/(sign-in|sign-up|forgot-password|reset-password)/.test(location.pathname) ? "" : `${location.pathname}${location.search}`;
  const back = here && here !== "/" ? `?${new URLSearchParams({ redirectTo: here })}` : "";
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
            {user ? <NavLink to="/me">{t("nav.me")}</NavLink> : null}
            {user && (user.role === "admin" || user.role === "trainer") ? <NavLink to="/trainer">{t("nav.trainer")}</NavLink> : null}
            {user && (user.role === "admin" || user.role === "manager") ? <NavLink to="/manage">{t("nav.manage")}</NavLink> : null}
            {user && user.role === "admin" ? <NavLink to="/admin">{t("nav.admin")}</NavLink> : null}
          </nav>
          <div className="account-nav">
            {user ? (
              <>
                <NavLink to="/account" className="account-name">
                  {t("nav.account", { name: user.fullName })}
                </NavLink>
                <Form method="post" action="/sign-out">
                  <button type="submit" className="link-button">
                    {t("nav.signOut")}
                  </button>
                </Form>
              </>
            ) : (
              <>
                <NavLink to={`/sign-in${back}`}>{t("nav.signIn")}</NavLink>
                <NavLink to={`/sign-up${back}`}>{t("nav.signUp")}</NavLink>
              </>
            )}
          </div>
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t("footer.about")}</p>
          <p>
            {t("footer.verify")} <Link to="/verify">{t("footer.verifyLink")}</Link>.
          </p>
        </div>
      </footer>
    </>
  );
}
