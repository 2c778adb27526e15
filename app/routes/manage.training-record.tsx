import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { listUnits } from "~/models/org.server";
import { scopeOf, inScope } from "~/models/scope.server";
import { parseYear, unitTrainingRecord } from "~/models/training-record.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

/**
 * Each official's training hours for a year (?year=, default this year) in
 * a unit in scope (?unit=, default the top of the scope), against the
 * unit's yearly target.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const typedYear = (url.searchParams.get("year") ?? "").slice(0, 20);
  const unitId = (url.searchParams.get("unit") ?? "").slice(0, 200) || null;
  const { year, error } = parseYear(typedYear || null);
  const { t } = await getI18n(request);
  const record = await unitTrainingRecord({ actor, unitId, year, page: pageNumber(url.searchParams) });
  // The units one may pick: those in scope and in force.
  const scope = await scopeOf(actor);
  const units = (await listUnits()).filter((u) => !u.validTo && inScope(scope, u)).map((u) => ({ id: u.id, name: u.name, depth: u.depth }));
  const search = new URLSearchParams();
  if (unitId) search.set("unit", unitId);
  search.set("year", String(year));
  return json(
    { record, units, unitId, typedYear: typedYear || String(year), error, search: `?${search}`, title: `${t("report.record.title")} · ${t("app.name")}` },
    { status: error ? 400 : 200 },
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function TrainingRecord() {
  const { record, units, unitId, typedYear, error, search } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("report.record.title")}</h1>
      <Form method="get" className="stack">
        {error ? (
          <p role="alert" className="form-error" id="year-error">
            {t("report.badYear")}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="record-unit">{t("report.unit")}</label>
          <select id="record-unit" name="unit" defaultValue={unitId ?? ""}>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {"\u00a0\u00a0".repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="record-year">{t("report.record.year")}</label>
          <input id="record-year" name="year" inputMode="numeric" defaultValue={typedYear} maxLength={4} aria-invalid={error || undefined} aria-describedby={error ? "year-error" : undefined} />
        </div>
        <button type="submit">{t("report.record.show")}</button>
      </Form>
      <p>
        {t("report.download")}: <a href={`/manage/training-record.csv${search}`}>{t("report.csv")}</a> ·{" "}
        <a href={`/manage/training-record.xlsx${search}`}>{t("report.xlsx")}</a>
      </p>
      <p role="status">
        {t("report.record.officials", { count: record.officials })} {record.notShared ? t("report.peopleNotShared", { count: record.notShared }) : null}
      </p>
      {record.rows.length === 0 ? (
        <p>{t("report.record.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>{`${t("report.record.caption", { year: String(record.year) })} · ${record.unit?.name ?? t("report.country")}`}</caption>
            <thead>
              <tr>
                <th scope="col">{t("report.person")}</th>
                <th scope="col">{t("report.position")}</th>
                <th scope="col">{t("report.unit")}</th>
                <th scope="col">{t("report.record.hours")}</th>
                <th scope="col">{t("report.record.periods")}</th>
                <th scope="col">{t("report.record.target")}</th>
                <th scope="col">{t("report.record.met")}</th>
              </tr>
            </thead>
            <tbody>
              {record.rows.map((r) => (
                <tr key={r.userId}>
                  <th scope="row">
                    <Link to={`/manage/people/${r.userId}`}>{r.fullName}</Link>
                  </th>
                  <td>{r.position ?? ""}</td>
                  <td>{r.unitName}</td>
                  <td>{format.number(r.hours)}</td>
                  <td>{format.number(r.periods)}</td>
                  <td>{r.targetHours === null ? "–" : format.number(r.targetHours)}</td>
                  <td>{r.met === null ? t("report.record.noTarget") : r.met ? t("report.yes") : t("report.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager page={record.page} pages={record.pages} />
    </>
  );
}
