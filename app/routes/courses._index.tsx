import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseCard } from "~/components/course/card";
import { useCourseLabels } from "~/components/course/facts";
import { useT } from "~/components/i18n-provider";
import { audiences, competenceAreas, levelBands } from "~/models/content/taxonomy";
import { listCourses, parseCatalogueFilters } from "~/models/course.server";
import { courseMarks } from "~/models/required.server";
import { getUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { getI18n } from "~/utils/i18n.server";
import { pageMeta, rootMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const filters = parseCatalogueFilters(new URL(request.url).searchParams);
  const { locale, t } = await getI18n(request);
  const courses = listCourses(filters);
  // The root loader has looked the session up already: signed out, no query; signed in, one.
  const user = await getUser(request);
  const marks = user ? await courseMarks({ userId: user.id }) : {};
  return {
    filters,
    courses,
    marks,
    meta: { title: `${t("catalogue.title")} · ${t("app.name")}`, description: t("catalogue.description"), url: `${env().PUBLIC_URL}/courses`, locale },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageMeta(data.meta) : rootMeta(matches));

export default function Catalogue() {
  const { filters, courses, marks } = useLoaderData<typeof loader>();
  const t = useT();
  const labels = useCourseLabels();
  const filtered = Boolean(filters.q || filters.audience || filters.area || filters.level);

  return (
    <>
      <h1>{t("catalogue.title")}</h1>
      <p className="lead">{t("catalogue.description")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("catalogue.filtersLabel")}>
        <div className="field field-wide">
          <label htmlFor="q">{t("catalogue.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={filters.q ?? ""} placeholder={t("catalogue.searchPlaceholder")} maxLength={200} />
        </div>
        <FilterSelect
          name="audience"
          label={t("catalogue.audience")}
          value={filters.audience}
          options={audiences.map((a) => ({ value: a, label: labels.audience(a) }))}
        />
        <FilterSelect
          name="area"
          label={t("catalogue.area")}
          value={filters.area}
          options={competenceAreas.map((a) => ({ value: a, label: labels.area(a) }))}
        />
        <FilterSelect
          name="level"
          label={t("catalogue.level")}
          value={filters.level}
          options={levelBands.map((b) => ({ value: b, label: t(`level.${b}`) }))}
        />
        <div className="field field-actions">
          <button type="submit" className="primary">
            {t("catalogue.submit")}
          </button>
          {filtered ? <Link to="/courses">{t("catalogue.clear")}</Link> : null}
        </div>
      </Form>

      <p role="status" className="result-count">
        {courses.length > 0 ? t("catalogue.count", { count: courses.length }) : t("catalogue.none")}
      </p>

      <ul className="course-list">
        {courses.map((course) => (
          <CourseCard key={course.slug} course={course} mark={marks[course.slug]} />
        ))}
      </ul>
    </>
  );
}

function FilterSelect(props: {
  name: string;
  label: string;
  value: string | number | undefined;
  options: Array<{ value: string | number; label: string }>;
}) {
  const t = useT();
  return (
    <div className="field">
      <label htmlFor={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} defaultValue={props.value ?? ""}>
        <option value="">{t("catalogue.all")}</option>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
