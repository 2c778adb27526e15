import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { scopeOf } from "~/models/scope.server";
import { requireRole } from "~/utils/auth.server";

/**
 * Required training and its reports, for unit managers (their unit and
 * everything under it) and admins (every unit). Each page below asks the
 * models again: this layout only decides who sees the menu.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["admin", "manager"]);
  const scope = await scopeOf(user);
  return { isAdmin: user.role === "admin", unitName: scope.all ? null : scope.roots[0].name };
}

export default function ManageLayout() {
  const { isAdmin, unitName } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <p className="muted">{unitName ? t("manage.scopeUnit", { unit: unitName }) : t("manage.scopeAll")}</p>
      <nav aria-label={t("manage.nav")} className="sub-nav">
        <NavLink to="/manage" end>
          {t("manage.report")}
        </NavLink>
        <NavLink to="/manage/assignments">{t("manage.assignments")}</NavLink>
        <NavLink to="/manage/training-record">{t("manage.trainingRecord")}</NavLink>
        <NavLink to="/manage/residents">{t("manage.residents")}</NavLink>
        <NavLink to="/admin/users">{isAdmin ? t("admin.users") : t("admin.learners")}</NavLink>
      </nav>
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
