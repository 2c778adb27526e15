import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { isRouteErrorResponse, Links, LiveReload, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import { useLocale } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { SiteShell } from "~/components/layout/site-shell";
import { useNonce } from "~/components/nonce";
import { useRequestId } from "~/components/request-id";
import styles from "~/styles/app.css";
import { getUser } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { locale, t } = await getI18n(request);
  // Anonymous readers have no cookie: no query. Signed-in ones cost one
  // session lookup, shared with the page's own loader (auth.server.ts).
  const user = await getUser(request);
  return {
    locale,
    user: user ? { fullName: user.fullName, role: user.role } : null,
    title: `${t("app.name")} · ${t("app.tagline")}`,
    description: t("app.description"),
    notFoundTitle: `${t("notFound.title")} · ${t("app.name")}`,
    errorTitle: `${t("error.title")} · ${t("app.name")}`,
  };
}

/**
 * The default title and description, and the title of error pages. Pages
 * with their own `meta` replace them, and fall back to them on errors
 * (see rootMeta in utils/seo.ts).
 */
export const meta: MetaFunction<typeof loader> = ({ data, error }) => {
  if (!data) return [];
  const title = !error ? data.title : isRouteErrorResponse(error) && error.status === 404 ? data.notFoundTitle : data.errorTitle;
  return [{ title }, { name: "description", content: data.description }];
};

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  const requestId = useRequestId();
  useEffect(() => {
    // Says the page's JavaScript has taken over: until then forms post the
    // plain way. End-to-end tests of the JavaScript paths wait for it.
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={locale} data-request-id={requestId ?? undefined}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0b5d3b" />
        <Meta />
        <Links />
      </head>
      <body>
        <SiteShell>{children}</SiteShell>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
        {/* Reloads the page when a file changes under `npm run dev`; renders nothing in production. */}
        <LiveReload nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
