import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { requireRole } from "~/utils/auth.server";

/** Admins and unit managers only; each page below narrows further where it must. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin", "manager"]);
  return { isAdmin: user.role === "admin" };
}

export default function AdminLayout() {
  const { isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <nav aria-label={t("admin.nav")} className="sub-nav">
        <NavLink to="/admin/users">{isAdmin ? t("admin.users") : t("admin.learners")}</NavLink>
        {isAdmin ? <NavLink to="/admin/certificates">{t("admin.certificates")}</NavLink> : null}
        {isAdmin ? <NavLink to="/admin/outbox">{t("admin.outbox")}</NavLink> : null}
        {isAdmin ? <NavLink to="/admin/units">{t("units.nav")}</NavLink> : null}
        {isAdmin ? <NavLink to="/admin/audit">{t("admin.audit")}</NavLink> : null}
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
