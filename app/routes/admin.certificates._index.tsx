import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AdminSearchForm } from "~/components/admin/search-form";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { listCertificates } from "~/models/certificate.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

/** Admins only: unit managers see their learners, not the register of every certificate issued. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  // Serials, codes and ids are short; anything longer cannot match one.
  const query = (url.searchParams.get("q") ?? "").slice(0, 100);
  const page = pageNumber(url.searchParams);
  const { certificates, total, pages } = await listCertificates({ query, page });
  const { t } = await getI18n(request);
  return {
    certificates: certificates.map(({ snapshot, status }) => ({
      publicId: snapshot.publicId,
      serial: snapshot.serial,
      holderName: snapshot.holderName,
      courseTitle: snapshot.courseTitle,
      issuedAt: snapshot.issuedAt,
      state: status.state,
    })),
    total,
    page,
    pages,
    query,
    title: `${t("admin.certificates")} · ${t("app.name")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Certificates() {
  const { certificates, total, page, pages, query } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("admin.certificates")}</h1>
      <AdminSearchForm label={t("admin.certificateSearch")} query={query} maxLength={100} />
      <p role="status">{t("admin.certificateCount", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.certificateSerial")}</th>
              <th scope="col">{t("admin.certificateHolder")}</th>
              <th scope="col">{t("admin.certificateCourse")}</th>
              <th scope="col">{t("admin.certificateIssued")}</th>
              <th scope="col">{t("admin.status")}</th>
            </tr>
          </thead>
          <tbody>
            {certificates.map((c) => (
              <tr key={c.publicId}>
                <td>
                  <Link to={`/admin/certificates/${c.publicId}`}>{c.serial}</Link>
                </td>
                <td>{c.holderName ?? <span className="muted">{t("admin.certificateDeletedHolder")}</span>}</td>
                <td>{c.courseTitle}</td>
                <td>{format.date(c.issuedAt)}</td>
                <td>{t(`admin.certificateStatus.${c.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
