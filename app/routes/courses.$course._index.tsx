import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCourseLabels } from "~/components/course/facts";
import { useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { getCourseOverview } from "~/models/course.server";
import { env } from "~/utils/env.server";
import { getI18n } from "~/utils/i18n.server";
import { pageMeta, rootMeta } from "~/utils/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = getCourseOverview(params.course ?? "");
  if (!course) throw json(null, { status: 404 });
  const { locale, t } = await getI18n(request);
  const url = `${env().PUBLIC_URL}/courses/${course.slug}`;
  return {
    course,
    meta: { title: `${course.title} · ${t("app.name")}`, description: course.summary, url, locale },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageMeta(data.meta) : rootMeta(matches));

export default function CoursePage() {
  const { course } = useLoaderData<typeof loader>();
  const t = useT();
  const labels = useCourseLabels();
  const first = course.lessons[0];

  return (
    <article className="course">
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
        <Link to="/courses">{t("nav.courses")}</Link>
      </nav>
      <h1>{course.title}</h1>
      <p className="lead">{course.summary}</p>

      <dl className="facts">
        <div>
          <dt>{t("course.audience")}</dt>
          <dd>{course.audience.map(labels.audience).join(", ")}</dd>
        </div>
        <div>
          <dt>{t("course.area")}</dt>
          <dd>{labels.area(course.area)}</dd>
        </div>
        <div>
          <dt>{t("course.level")}</dt>
          <dd>{labels.level(course.levelBand, course.level)}</dd>
        </div>
        <div>
          <dt>{t("course.duration")}</dt>
          <dd>{labels.duration(course.minutes, course.periods)}</dd>
        </div>
      </dl>

      {first ? (
        <p>
          <Link to={`/courses/${course.slug}/${first.slug}`} className="button">
            {t("course.start")}
          </Link>
        </p>
      ) : null}

      <h2 id="outline">{t("course.outline")}</h2>
      <ol className="outline" aria-labelledby="outline">
        {course.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
            <span className="muted"> · {t("lesson.minutes", { minutes: lesson.minutes })}</span>
            <p>{lesson.description}</p>
          </li>
        ))}
      </ol>
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
