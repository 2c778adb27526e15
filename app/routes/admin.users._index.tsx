import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminSearchForm } from "~/components/admin/search-form";
import { useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { listPeople } from "~/models/people.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { formatVietnamesePhone } from "~/utils/phone";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 200);
  const page = pageNumber(url.searchParams);
  const { t } = await getI18n(request);
  const result = await listPeople({ actor, query, page });
  return { ...result, query, isAdmin: actor.role === "admin", title: `${t(actor.role === "admin" ? "admin.users" : "admin.learners")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function People() {
  const { people, total, page, pages, query, isAdmin } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{isAdmin ? t("admin.users") : t("admin.learners")}</h1>
      <AdminSearchForm label={t("admin.search")} query={query} maxLength={200} />
      <p role="status">{t("admin.count", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("account.fullName")}</th>
              <th scope="col">{t("admin.contact")}</th>
              <th scope="col">{t("account.role")}</th>
              <th scope="col">{t("account.unit")}</th>
              <th scope="col">{t("admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link to={`/admin/users/${p.id}`}>{p.fullName}</Link>
                </td>
                <td>{p.email ?? (p.phone ? formatVietnamesePhone(p.phone) : "")}</td>
                <td>{t(`role.${p.role as "learner"}`)}</td>
                <td>{p.unit?.name ?? ""}</td>
                <td>{p.disabledAt ? t("admin.disabled") : t("admin.active")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
