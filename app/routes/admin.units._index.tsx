import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { listProvinces } from "~/models/org.server";
import { searchUnits } from "~/models/units.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";
import { unitKindNames } from "~/utils/units";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const query = (url.searchParams.get("q") ?? "").slice(0, 200);
  const provinces = await listProvinces();
  // Anything but a known province or kind is no filter at all.
  const provinceCode = provinces.find((p) => p.code === url.searchParams.get("province"))?.code;
  const kind = unitKindNames.find((k) => k === url.searchParams.get("kind"));
  const page = pageNumber(url.searchParams);
  const { t } = await getI18n(request);
  const result = await searchUnits({ actor, query, provinceCode, kind, page });
  return { ...result, provinces, filters: { query, provinceCode: provinceCode ?? "", kind: kind ?? "" }, title: `${t("units.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Units() {
  const { units, total, page, pages, provinces, filters } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const kindLabel = (k: (typeof unitKindNames)[number]) => t(`units.kind.${k}`);
  return (
    <>
      <h1>{t("units.title")}</h1>
      <p>
        <Link to="/admin/units/import">{t("units.importLink")}</Link>
      </p>
      <Form method="get" role="search" className="filters" aria-label={t("units.search")}>
        <div className="field field-wide">
          <label htmlFor="q">{t("units.search")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.query} maxLength={200} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field">
          <label htmlFor="province">{t("units.province")}</label>
          <select id="province" name="province" defaultValue={filters.provinceCode}>
            <option value="">{t("units.allProvinces")}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="kind">{t("units.kind")}</label>
          <select id="kind" name="kind" defaultValue={filters.kind}>
            <option value="">{t("units.allKinds")}</option>
            {unitKindNames.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </div>
        <div className="field field-actions">
          <button type="submit" className="primary">
            {t("units.filter")}
          </button>
        </div>
      </Form>
      <p role="status">{t("units.count", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("units.name")}</th>
              <th scope="col">{t("units.code")}</th>
              <th scope="col">{t("units.kind")}</th>
              <th scope="col">{t("units.position")}</th>
              <th scope="col">{t("units.validity")}</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/units/${u.id}`}>{u.name}</Link>
                </td>
                <td>{u.code ?? ""}</td>
                <td>{kindLabel(u.kind)}</td>
                <td>{u.ancestors.length ? u.ancestors.map((a) => a.name).join(" › ") : t("units.root")}</td>
                <td>
                  {u.validTo ? t("units.ended", { date: format.date(u.validTo) }) : t("units.inForce")}
                  {u.successorId ? (
                    <>
                      {" · "}
                      {t("units.successor")}: <Link to={`/admin/units/${u.successorId}`}>{u.successorName}</Link>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
