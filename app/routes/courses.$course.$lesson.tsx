import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { getCourse, getLesson } from "~/models/course.server";
import { env } from "~/utils/env.server";
import { getI18n } from "~/utils/i18n.server";
import { pageMeta, rootMeta } from "~/utils/seo";

type MissingLesson = { course: { slug: string; title: string }; lessons: Array<{ slug: string; title: string }> };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const found = getLesson(params.course ?? "", params.lesson ?? "");
  if (!found) {
    // A missing lesson of a real course lists that course's lessons.
    const course = getCourse(params.course ?? "");
    throw json<MissingLesson | null>(
      course
        ? { course: { slug: course.slug, title: course.meta.title }, lessons: course.lessons.map((l) => ({ slug: l.slug, title: l.title })) }
        : null,
      { status: 404 },
    );
  }
  const { course, lesson, index, previous, next } = found;
  const { locale, t } = await getI18n(request);
  return {
    course: { slug: course.slug, title: course.meta.title, lessonCount: course.lessons.length, language: course.meta.language },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      description: lesson.description,
      minutes: lesson.minutes,
      html: lesson.html,
      toc: lesson.toc,
      sources: lesson.sources,
      number: index + 1,
    },
    previous: previous ? { slug: previous.slug, title: previous.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
    meta: {
      title: `${lesson.title} · ${course.meta.title}`,
      description: lesson.description,
      url: `${env().PUBLIC_URL}/courses/${course.slug}/${lesson.slug}`,
      locale,
      type: "article" as const,
      appName: t("app.name"),
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageMeta(data.meta) : rootMeta(matches));

export default function LessonPage() {
  const { course, lesson, previous, next } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();

  return (
    <article className="lesson" lang={course.language}>
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb no-print">
        <Link to="/courses">{t("nav.courses")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/courses/${course.slug}`}>{course.title}</Link>
      </nav>
      <header className="lesson-header">
        <p className="muted">
          {t("lesson.position", { number: lesson.number, total: course.lessonCount })} ·{" "}
          {t("lesson.readingTime", { minutes: lesson.minutes })}
        </p>
        <h1>{lesson.title}</h1>
        <progress className="course-progress" max={course.lessonCount} value={lesson.number} aria-label={t("lesson.positionLabel")}>
          {lesson.number}/{course.lessonCount}
        </progress>
      </header>

      {lesson.toc.length > 1 ? (
        <nav aria-labelledby="toc-title" className="toc no-print">
          <h2 id="toc-title">{t("lesson.toc")}</h2>
          <ol>
            {lesson.toc.map((entry) => (
              <li key={entry.id} className={entry.depth === 3 ? "toc-sub" : undefined}>
                <a href={`#${entry.id}`}>{entry.text}</a>
              </li>
            ))}
          </ol>
        </nav>
      ) : null}

      {/* Compiled and checked when content loads (app/models/content); no MDX runs here. */}
      <div className="lesson-body" dangerouslySetInnerHTML={{ __html: lesson.html }} />

      {lesson.sources.length > 0 ? (
        <section aria-labelledby="sources-title" className="sources">
          <h2 id="sources-title">{t("lesson.sources")}</h2>
          <ul>
            {lesson.sources.map((source, i) => (
              <li key={i}>
                {source.url ? <a href={source.url}>{source.title}</a> : <cite>{source.title}</cite>}
                {`, ${source.publisher}`}
                {source.date ? `, ${source.date.length === 10 ? format.date(`${source.date}T00:00:00+07:00`) : source.date}` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <nav aria-label={t("lesson.pager")} className="pager no-print">
        {previous ? (
          <Link to={`/courses/${course.slug}/${previous.slug}`} rel="prev">
            <span className="pager-label">{t("lesson.previous")}</span> {previous.title}
          </Link>
        ) : (
          <span />
        )}
        {next ? (
          <Link to={`/courses/${course.slug}/${next.slug}`} rel="next" className="pager-next">
            <span className="pager-label">{t("lesson.next")}</span> {next.title}
          </Link>
        ) : (
          <Link to={`/courses/${course.slug}`} className="pager-next">
            <span className="pager-label">{t("lesson.backToCourse")}</span> {course.title}
          </Link>
        )}
      </nav>
    </article>
  );
}

function MissingLessonHelp({ data }: { data: unknown }) {
  const t = useT();
  const missing = data as MissingLesson | null;
  if (!missing?.course) return null;
  return (
    <>
      <p>{t("lesson.notFoundInCourse", { course: missing.course.title })}</p>
      <ol>
        {missing.lessons.map((l) => (
          <li key={l.slug}>
            <Link to={`/courses/${missing.course.slug}/${l.slug}`}>{l.title}</Link>
          </li>
        ))}
      </ol>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage notFound={(data) => <MissingLessonHelp data={data} />} />;
}
