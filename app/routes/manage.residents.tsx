import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { CommunityCount } from "~/components/manage/community-parts";
import { listCourses } from "~/models/course.server";
import { defaultMonths, MAX_MONTHS, MONTH, monthsBetween, residentStatistics, type CommuneGroup, type Metric, type Shown } from "~/models/community.server";
import { listUnits } from "~/models/org.server";
import { scopeOf } from "~/models/scope.server";
import { requireRole } from "~/utils/auth.server";
import type { MessageKey } from "~/utils/i18n";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

/**
 * Resident statistics for a province, commune or team (or the whole
 * country, for admins): a GET form, so every view has an address and works
 * without JavaScript. The model decides scope (403 for a unit outside it).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const { t } = await getI18n(request);
  const fallback = defaultMonths();
  const read = (name: string) => (url.searchParams.get(name) ?? "").slice(0, 300);
  const filters = { from: read("from") || fallback.from, to: read("to") || fallback.to, course: read("course"), unit: read("unit"), commune: read("commune") };
  const scope = await scopeOf(actor);
  // Units to narrow to: an admin picks a province or ministry; a manager, their unit or a commune or team under it.
  const units = (await listUnits())
    .filter((u) => !u.validTo && (scope.all ? u.depth === 0 : u.path.startsWith(scope.roots[0].path) && (u.id === scope.roots[0].id || u.kind === "commune" || u.kind === "team")))
    .slice(0, 500)
    .map(({ id, name }) => ({ id, name }));
  const courses = listCourses().map((c) => ({ slug: c.slug, title: c.title }));
  const base = { title: `${t("community.residents.title")} · ${t("app.name")}`, filters, units, courses, maxMonths: MAX_MONTHS };

  const errors: Partial<Record<"months" | "course", MessageKey>> = {};
  if (!MONTH.test(filters.from) || !MONTH.test(filters.to) || filters.from > filters.to || monthsBetween(filters.from, filters.to).length > MAX_MONTHS) errors.months = "community.error.months";
  if (filters.course && !courses.some((c) => c.slug === filters.course)) errors.course = "community.error.course";
  if (errors.months || errors.course) return json({ ...base, errors, stats: null }, { status: 400 });

  const stats = await residentStatistics({
    actor,
    unitId: filters.unit || null,
    months: { from: filters.from, to: filters.to },
    courseSlug: filters.course || null,
    commune: filters.commune || null,
  });
  return json({ ...base, errors, stats });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

const columns: [Metric, MessageKey][] = [
  ["learners", "community.col.learners"],
  ["completions", "community.col.completions"],
  ["certificates", "community.col.certificates"],
];

function Metrics({ values }: { values: Record<Metric, Shown> }) {
  return (
    <>
      {columns.map(([m]) => (
        <td key={m} className="num">
          <CommunityCount value={values[m]} />
        </td>
      ))}
    </>
  );
}

/** "2026-03" as people write it: "03/2026". */
const monthLabel = (month: string) => `${month.slice(5, 7)}/${month.slice(0, 4)}`;

function communeLabel(t: ReturnType<typeof useT>, group: Pick<CommuneGroup, "source" | "name">): string {
  if (group.source === "typed") return t("community.commune.typed", { name: group.name });
  if (group.source === "unknown") return t("community.commune.unknown");
  return group.name;
}

export default function Residents() {
  const { filters, units, courses, errors, stats, maxMonths } = useLoaderData<typeof loader>();
  const t = useT();
  const [searchParams] = useSearchParams();
  const linkWith = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(searchParams);
    for (const [k, v] of Object.entries(changes)) {
      if (v === null) next.delete(k);
      else next.set(k, v);
    }
    return `?${next}`;
  };
  const provinces = new Set(stats?.table.map((r) => r.provinceName));
  const withProvince = provinces.size > 1;
  return (
    <>
      <h1>{t("community.residents.title")}</h1>
      <p>{t("community.residents.intro")}</p>
      <p className="muted">{t("community.residents.smallNote")}</p>
      {stats?.hasTeams ? (
        <p>
          <Link to={filters.unit ? `/manage/team?unit=${encodeURIComponent(filters.unit)}` : "/manage/team"}>{t("community.teamLink")}</Link>
        </p>
      ) : null}

      <Form method="get" className="filters" aria-label={t("community.filters")}>
        {filters.commune ? <input type="hidden" name="commune" value={filters.commune} /> : null}
        <MonthField name="from" label={t("community.filter.from")} value={filters.from} invalid={Boolean(errors.months)} />
        <MonthField name="to" label={t("community.filter.to")} value={filters.to} invalid={Boolean(errors.months)} />
        <div className="field">
          <label htmlFor="course">{t("community.filter.course")}</label>
          <select id="course" name="course" defaultValue={filters.course} aria-invalid={errors.course ? true : undefined} aria-describedby={errors.course ? "course-error" : undefined}>
            <option value="">{t("community.filter.allCourses")}</option>
            {courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
          {errors.course ? (
            <ul id="course-error" className="field-errors">
              <li>{t(errors.course)}</li>
            </ul>
          ) : null}
        </div>
        {units.length > 1 ? (
          <div className="field">
            <label htmlFor="unit">{t("community.filter.unit")}</label>
            <select id="unit" name="unit" defaultValue={filters.unit}>
              <option value="">{t("community.filter.allUnits")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field field-actions">
          <button type="submit" className="primary">
            {t("community.filter.submit")}
          </button>
        </div>
        <p id="months-hint" className="field-hint">
          {t("community.filter.monthHint")}
        </p>
        {errors.months ? (
          <ul id="months-error" className="field-errors">
            <li>{t(errors.months, { max: maxMonths })}</li>
          </ul>
        ) : null}
      </Form>

      {stats?.detail ? (
        <>
          <p>
            <Link to={linkWith({ commune: null })}>{t("community.back")}</Link>
          </p>
          <div className="table-wrap">
            <table>
              <caption>{t("community.detailCaption", { name: communeLabel(t, stats.detail.group), from: monthLabel(filters.from), to: monthLabel(filters.to) })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("community.col.month")}</th>
                  <th scope="col">{t("community.col.course")}</th>
                  {columns.map(([m, label]) => (
                    <th key={m} scope="col">
                      {t(label)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {stats.detail.rows.length === 0 ? (
                  <tr>
                    <td colSpan={5}>{t("community.none")}</td>
                  </tr>
                ) : (
                  stats.detail.rows.map((r) => (
                    <tr key={`${r.month} ${r.slug}`}>
                      <th scope="row">{monthLabel(r.month)}</th>
                      <td>{r.title}</td>
                      <Metrics values={r} />
                    </tr>
                  ))
                )}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row" colSpan={2}>
                    {t("community.total")}
                  </th>
                  <Metrics values={stats.detail.total} />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      ) : stats ? (
        <div className="table-wrap">
          <table>
            <caption>{t("community.caption", { from: monthLabel(filters.from), to: monthLabel(filters.to) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("community.col.commune")}</th>
                <th scope="col">{t("community.col.course")}</th>
                {columns.map(([m, label]) => (
                  <th key={m} scope="col">
                    {t(label)}
                  </th>
                ))}
              </tr>
            </thead>
            {stats.table.length === 0 ? (
              <tbody>
                <tr>
                  <td colSpan={5}>{t("community.none")}</td>
                </tr>
              </tbody>
            ) : (
              stats.table.map((row) => {
                const span = row.courses.length + (row.courses.length > 1 ? 1 : 0);
                return (
                  <tbody key={row.key}>
                    {row.courses.map((c, i) => (
                      <tr key={c.slug}>
                        {i === 0 ? (
                          <th scope="rowgroup" rowSpan={span}>
                            <Link to={linkWith({ commune: row.key })}>{communeLabel(t, row)}</Link>
                            {withProvince && row.provinceName ? <div className="muted">{row.provinceName}</div> : null}
                          </th>
                        ) : null}
                        <td>{c.title}</td>
                        <Metrics values={c} />
                      </tr>
                    ))}
                    {row.courses.length > 1 ? (
                      <tr>
                        <td>{t("community.allCourses")}</td>
                        <Metrics values={row.total} />
                      </tr>
                    ) : null}
                  </tbody>
                );
              })
            )}
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t("community.total")}
                </th>
                <Metrics values={stats.total} />
              </tr>
            </tfoot>
          </table>
        </div>
      ) : null}
    </>
  );
}

/** One end of the month range; both share the range's hint and error, which sit below the form's fields. */
function MonthField({ name, label, value, invalid }: { name: "from" | "to"; label: string; value: string; invalid: boolean }) {
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="month"
        defaultValue={value}
        aria-describedby={invalid ? "months-hint months-error" : "months-hint"}
        aria-invalid={invalid ? true : undefined}
      />
    </div>
  );
}
