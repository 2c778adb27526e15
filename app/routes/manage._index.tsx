import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { UnitBreadcrumbs } from "~/components/manage/breadcrumbs";
import { ReportFilters } from "~/components/manage/report-filters";
import { Pager } from "~/components/ui/pager";
import { listCourses } from "~/models/course.server";
import { parseReportQuery, reportSearch, requiredTrainingPeople, requiredTrainingReport } from "~/models/report.server";
import { unitInScope } from "~/models/scope.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

/**
 * The required-training report of a unit in scope (?unit=, default the top
 * of the scope): by sub-unit, or (?view=people) the people list of its whole
 * subtree. Filters come by GET; bad ones are shown with what was typed, and
 * a 400.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const { query, errors, typed } = parseReportQuery(url.searchParams);
  const view = url.searchParams.get("view") === "people" ? ("people" as const) : null;
  const { t } = await getI18n(request);
  const courses = listCourses().map((c) => ({ slug: c.slug, title: c.title }));
  const base = { typed, errors, courses, view, title: `${t("report.title")} · ${t("app.name")}` };
  if (errors.length) {
    // The scope is still the model's to decide: a unit outside it is a 403 before any error is shown.
    const { unit } = await unitInScope(actor, query.unitId);
    return json({ ...base, unitName: unit?.name ?? null, report: null, people: null, search: "" }, { status: 400 });
  }
  const search = reportSearch(query);
  if (view === "people") {
    const people = await requiredTrainingPeople({ actor, query, page: pageNumber(url.searchParams) });
    return json({ ...base, unitName: people.unit?.name ?? null, report: null, people, search });
  }
  const report = await requiredTrainingReport({ actor, query });
  const units = Object.fromEntries(report.rows.map((r) => [r.unit?.id ?? "", reportSearch(query, { unit: r.unit?.id ?? null })]));
  return json({ ...base, unitName: report.unit?.name ?? null, report: { ...report, links: units }, people: null, search });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Report() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const { typed, errors, courses, view, report, people, search, unitName } = data;
  const crumbs = report?.breadcrumbs ?? people?.breadcrumbs ?? [];
  const withUnit = (unit: string | null, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(search);
    if (unit) params.set("unit", unit);
    else params.delete("unit");
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  const own = unitName ? t("report.ownRow", { unit: unitName }) : t("report.ownRowCountry");
  const exportSearch = withUnit(typed.unit || null, view ? { view } : {});
  return (
    <>
      <h1>{view === "people" ? `${t("report.peopleTitle")} · ${unitName ?? t("report.country")}` : t("report.title")}</h1>
      <UnitBreadcrumbs crumbs={crumbs} search={(unit) => withUnit(unit)} />
      <ReportFilters values={typed} courses={courses} errors={errors} view={view} />
      {report || people ? (
        <p>
          {t("report.download")}: <a href={`/manage/report.csv${exportSearch}`}>{t("report.csv")}</a> ·{" "}
          <a href={`/manage/report.xlsx${exportSearch}`}>{t("report.xlsx")}</a>
        </p>
      ) : null}
      {report ? (
        <>
          {report.totals.assigned === 0 ? <p>{t("report.empty")}</p> : null}
          <div className="table-wrap">
            <table>
              <caption>{`${t("report.caption")} · ${unitName ?? t("report.country")}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.unit")}</th>
                  <th scope="col">{t("report.people")}</th>
                  <th scope="col">{t("report.assigned")}</th>
                  <th scope="col">{t("report.notShared")}</th>
                  <th scope="col">{t("report.started")}</th>
                  <th scope="col">{t("report.completed")}</th>
                  <th scope="col">{t("report.overdue")}</th>
                  <th scope="col">{t("report.averageScore")}</th>
                  <th scope="col">{t("report.certificates")}</th>
                  <th scope="col">{t("report.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rows.map((row) => (
                  <tr key={row.unit?.id ?? ""}>
                    <th scope="row">{row.unit ? <Link to={`/manage${report.links[row.unit.id]}`}>{row.unit.name}</Link> : own}</th>
                    <td>{format.number(row.people)}</td>
                    <td>{format.number(row.assigned)}</td>
                    <td>{format.number(row.notShared)}</td>
                    <td>{format.number(row.started)}</td>
                    <td>{format.number(row.completed)}</td>
                    <td>{row.overdue ? t("report.overdueWords", { count: row.overdue }) : t("report.noneOverdue")}</td>
                    <td>{row.averageScore === null ? "–" : format.number(row.averageScore)}</td>
                    <td>{format.number(row.certificates)}</td>
                    <td>{format.number(row.hours)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t("report.total")}</th>
                  <td>{format.number(report.totals.people)}</td>
                  <td>{format.number(report.totals.assigned)}</td>
                  <td>{format.number(report.totals.notShared)}</td>
                  <td>{format.number(report.totals.started)}</td>
                  <td>{format.number(report.totals.completed)}</td>
                  <td>{report.totals.overdue ? t("report.overdueWords", { count: report.totals.overdue }) : t("report.noneOverdue")}</td>
                  <td>{report.totals.averageScore === null ? "–" : format.number(report.totals.averageScore)}</td>
                  <td>{format.number(report.totals.certificates)}</td>
                  <td>{format.number(report.totals.hours)}</td>
                </tr>
              </tfoot>
            </table>
          </div>
          <p>
            <Link to={`/manage${withUnit(typed.unit || null, { view: "people" })}`}>{t("report.peopleLink", { unit: unitName ?? t("report.country") })}</Link>
          </p>
        </>
      ) : null}
      {people ? (
        <>
          <p>
            <Link to={`/manage${withUnit(typed.unit || null)}`}>{t("report.backToUnits")}</Link>
          </p>
          <p role="status">
            {t("report.peopleShared", { count: people.shared })} {people.notShared ? t("report.peopleNotShared", { count: people.notShared }) : null}
          </p>
          <div className="table-wrap">
            <table>
              <caption>{`${t("report.peopleTitle")} · ${unitName ?? t("report.country")}`}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("report.person")}</th>
                  <th scope="col">{t("report.unit")}</th>
                  <th scope="col">{t("report.course")}</th>
                  <th scope="col">{t("report.due")}</th>
                  <th scope="col">{t("report.state")}</th>
                  <th scope="col">{t("report.score")}</th>
                  <th scope="col">{t("report.certificate")}</th>
                  <th scope="col">{t("report.hours")}</th>
                </tr>
              </thead>
              <tbody>
                {people.people.flatMap((person) =>
                  person.courses.map((c, i) => (
                    <tr key={`${person.userId}-${c.courseSlug}`}>
                      {i === 0 ? (
                        <th scope="row" rowSpan={person.courses.length}>
                          <Link to={`/manage/people/${person.userId}`}>{person.fullName}</Link>
                          {person.position ? <div className="muted">{person.position}</div> : null}
                        </th>
                      ) : null}
                      <td>{c.unitName}</td>
                      <td>{c.courseTitle}</td>
                      <td>{format.date(c.dueAt)}</td>
                      <td>{t(`report.state.${c.state}`)}</td>
                      <td>{c.score === null ? "–" : format.number(c.score)}</td>
                      <td>{c.certified ? t("report.yes") : t("report.no")}</td>
                      <td>{format.number(c.hours)}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          <Pager page={people.page} pages={people.pages} />
        </>
      ) : null}
    </>
  );
}
