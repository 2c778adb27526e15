import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useCourseLabels } from "~/components/course/facts";
import { CourseMarks } from "~/components/course/required";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { CourseProgressBar, EnrollButton, NextStepLink, UnenrollButton } from "~/components/progress/progress-controls";
import { getCourseOverview } from "~/models/course.server";
import { certificateForCourse } from "~/models/certificate.server";
import { courseProgress } from "~/models/progress.server";
import { courseMarks } from "~/models/required.server";
import { getUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { getI18n } from "~/utils/i18n.server";
import { pageMeta, rootMeta } from "~/utils/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const course = getCourseOverview(params.course ?? "");
  if (!course) throw json(null, { status: 404 });
  const { locale, t } = await getI18n(request);
  const url = `${env().PUBLIC_URL}/courses/${course.slug}`;
  const user = await getUser(request);
  const [progress, marks] = user
    ? await Promise.all([courseProgress({ userId: user.id, courseSlug: course.slug }), courseMarks({ userId: user.id, courseSlug: course.slug })])
    : [null, null];
  const certificate = user && progress?.completedAt ? await certificateForCourse({ userId: user.id, courseSlug: course.slug }) : null;
  return {
    course,
    certificate: certificate ? { publicId: certificate.publicId } : null,
    signedIn: Boolean(user),
    mark: marks?.[course.slug] ?? null,
    progress: progress
      ? {
          completed: progress.completedCount,
          required: progress.requiredCount,
          completedAt: progress.completedAt,
          next: progress.next ? { slug: progress.next.slug, title: progress.next.title } : null,
          lessons: progress.lessons.map((l) => ({ slug: l.slug, complete: l.complete, isNew: l.isNew, required: l.required })),
          finalQuiz: progress.finalQuiz,
        }
      : null,
    meta: { title: `${course.title} · ${t("app.name")}`, description: course.summary, url, locale },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageMeta(data.meta) : rootMeta(matches));

export default function CoursePage() {
  const { course, certificate, progress, signedIn, mark } = useLoaderData<typeof loader>();
  const format = useFormat();
  const t = useT();
  const labels = useCourseLabels();
  const first = course.lessons[0];

  return (
    <article className="course">
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
        <Link to="/courses">{t("nav.courses")}</Link>
      </nav>
      <h1>{course.title}</h1>
      <CourseMarks mark={mark} />
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

      {progress ? (
        <section className="course-status" aria-label={t("progress.yourProgress")}>
          <p>
            <CourseProgressBar completed={progress.completed} required={progress.required} />
            {progress.finalQuiz ? ` · ${progress.finalQuiz.passed ? t("progress.finalPassed") : t("progress.finalNotPassed")}` : null}
          </p>
          {progress.completedAt ? (
            <p className="notice">
              {t("progress.completedOn", { date: format.date(progress.completedAt) })}
              {certificate ? (
                <>
                  {" "}
                  <Link to={`/certificates/${certificate.publicId}`}>{t("mine.courseCertificate")}</Link>
                </>
              ) : null}
            </p>
          ) : (
            <NextStepLink courseSlug={course.slug} next={progress.next} finalQuiz={progress.finalQuiz} />
          )}
          <UnenrollButton courseSlug={course.slug} />
        </section>
      ) : (
        <div className="actions">
          {signedIn ? <EnrollButton courseSlug={course.slug} /> : null}
          {first ? (
            <Link to={`/courses/${course.slug}/${first.slug}`} className={signedIn ? undefined : "button"}>
              {t(signedIn ? "progress.readWithout" : "course.start")}
            </Link>
          ) : null}
        </div>
      )}

      <h2 id="outline">{t("course.outline")}</h2>
      <ol className="outline" aria-labelledby="outline">
        {course.lessons.map((lesson) => (
          <li key={lesson.slug}>
            <Link to={`/courses/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>
            <span className="muted"> · {t("lesson.minutes", { minutes: lesson.minutes })}</span>
            <LessonBadges state={progress?.lessons.find((l) => l.slug === lesson.slug)} />
            <p>{lesson.description}</p>
          </li>
        ))}
      </ol>
    </article>
  );
}

function LessonBadges({ state }: { state?: { complete: boolean; isNew: boolean; required: boolean } }) {
  const t = useT();
  if (!state) return null;
  return (
    <>
      {state.complete ? <span className="badge badge-done"> ✓ {t("progress.done")}</span> : null}
      {state.isNew ? <span className="badge"> {state.required ? t("progress.newRequired") : t("progress.newOptional")}</span> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
