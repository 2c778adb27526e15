import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/components/i18n-provider";
import { useRequestId } from "~/components/request-id";

/**
 * The page shown for any thrown error. A 404 may carry extra help in its
 * data (a missing lesson lists the course's lessons); routes pass that in
 * through `notFound`.
 */
export function ErrorPage({ notFound }: { notFound?: (data: unknown) => ReactNode }) {
  const t = useT();
  const error = useRouteError();
  const location = useLocation();
  const requestId = useRequestId();
  const status = isRouteErrorResponse(error) ? error.status : 500;

  if (status === 404) {
    return (
      <ErrorSection title={t("notFound.title")} body={t("notFound.body")}>
        {notFound && isRouteErrorResponse(error) ? notFound(error.data) : null}
        <p className="actions">
          <Link to="/">{t("notFound.home")}</Link>
          <Link to="/courses">{t("notFound.courses")}</Link>
        </p>
      </ErrorSection>
    );
  }
  if (status === 403) {
    return (
      <ErrorSection title={t("forbidden.title")} body={t("forbidden.body")}>
        <p className="actions">
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </ErrorSection>
    );
  }
  if (status === 429) {
    return (
      <ErrorSection title={t("error.tooManyTitle")} body={t("error.tooManyBody")}>
        <p className="actions">
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </ErrorSection>
    );
  }
  if (status === 503) {
    // The database is busy or its disk is full (server/unavailable.ts): nothing the learner did wrong.
    return (
      <ErrorSection title={t("error.busyTitle")} body={t("error.busyBody")}>
        {requestId ? <p className="muted">{t("error.reference", { id: requestId })}</p> : null}
        <p className="actions">
          <Link to={location.pathname + location.search} reloadDocument>
            {t("error.retry")}
          </Link>
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </ErrorSection>
    );
  }
  // Server errors are logged where they happen (entry.server.tsx handleError),
  // with the request id shown here for the reader to quote.
  return (
    <ErrorSection title={t("error.title")} body={t(status >= 500 ? "error.body" : "error.badRequest")}>
      <p className="muted">{t("error.status", { status: String(status) })}</p>
      {requestId ? <p className="muted">{t("error.reference", { id: requestId })}</p> : null}
      <p className="actions">
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </ErrorSection>
  );
}

function ErrorSection({ title, body, children }: { title: string; body: string; children: ReactNode }) {
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{body}</p>
      {children}
    </section>
  );
}
