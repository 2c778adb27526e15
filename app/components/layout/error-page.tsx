import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/components/i18n-provider";

/**
 * The page shown for any thrown error. A 404 may carry extra help in its
 * data (a missing lesson lists the course's lessons); routes pass that in
 * through `notFound`.
 */
export function ErrorPage({ notFound }: { notFound?: (data: unknown) => ReactNode }) {
  const t = useT();
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;

  if (status === 404) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("notFound.title")}</h1>
        <p>{t("notFound.body")}</p>
        {notFound && isRouteErrorResponse(error) ? notFound(error.data) : null}
        <p className="actions">
          <Link to="/">{t("notFound.home")}</Link>
          <Link to="/courses">{t("notFound.courses")}</Link>
        </p>
      </section>
    );
  }

  if (status >= 400 && status < 500) {
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{t("error.title")}</h1>
        <p>{t("error.badRequest")}</p>
        <p className="muted">{t("error.status", { status: String(status) })}</p>
        <p className="actions">
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </section>
    );
  }

  if (typeof document === "undefined") console.error(error);
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("error.title")}</h1>
      <p>{t("error.body")}</p>
      <p className="muted">{t("error.status", { status: String(status) })}</p>
      <p className="actions">
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
