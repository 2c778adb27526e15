import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { RequiredStatus } from "~/components/course/required";
import { CourseProgressBar, NextStepLink } from "~/components/progress/progress-controls";
import { expiringSoon } from "~/models/certificate.server";
import { dashboard } from "~/models/progress.server";
import { myRequiredCourses, withProgress } from "~/models/required.server";
import { requireUser } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getI18n(request);
  const now = new Date();
  const [board, expiring, required] = await Promise.all([
    dashboard({ userId: user.id, now }),
    expiringSoon({ userId: user.id }),
    myRequiredCourses({ userId: user.id, now }),
  ]);
  return {
    ...board,
    expiring,
    required: {
      courses: withProgress(required.courses, [...board.inProgress, ...board.completed]),
      sharesWithUnit: required.sharesWithUnit,
      // Officials see the section even empty (their unit may require courses); residents only when something is required.
      shown: user.learnerGroup === "official" || required.courses.length > 0,
    },
    name: user.fullName,
    title: `${t("me.title")} · ${t("app.name")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

/** The learner's dashboard: what is in progress and what comes next, what is done, and this year's hours. */
export default function Dashboard() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const hours = data.secondsThisYear / 3600;

  return (
    <>
      <h1>{t("me.title")}</h1>
      <p className="lead">{t("me.hours", { hours: format.number(hours, { maximumFractionDigits: 1 }), year: data.year })}</p>
      {data.expiring.map((c) => (
        <p key={c.publicId} className="notice">
          {t("mine.expiringSoon", { course: c.courseTitle, date: format.date(c.expiresAt) })} <Link to={`/courses/${c.courseSlug}`}>{t("mine.retake")}</Link>
        </p>
      ))}

      {data.required.shown ? <RequiredCourses {...data.required} /> : null}

      <h2 id="in-progress">{t("me.inProgress")}</h2>
      {data.inProgress.length === 0 ? (
        <p>
          {t("me.noCourses")} <Link to="/courses">{t("notFound.courses")}</Link>
        </p>
      ) : (
        <ul className="cards" aria-labelledby="in-progress">
          {data.inProgress.map((course) => (
            <li key={course.slug} className="card">
              <h3>
                <Link to={`/courses/${course.slug}`}>{course.title}</Link>
              </h3>
              <p>
                <CourseProgressBar completed={course.completedCount} required={course.requiredCount} />
              </p>
              <NextStepLink courseSlug={course.slug} next={course.next} finalQuiz={course.finalQuiz} />
            </li>
          ))}
        </ul>
      )}

      <h2 id="completed">{t("me.completed")}</h2>
      <p>
        <Link to="/me/certificates">{t("mine.link")}</Link>
      </p>
      {data.completed.length === 0 ? (
        <p>{t("me.noneCompleted")}</p>
      ) : (
        <ul aria-labelledby="completed">
          {data.completed.map((course) => (
            <li key={course.slug}>
              <Link to={`/courses/${course.slug}`}>{course.title}</Link> · {t("progress.completedOn", { date: format.date(course.completedAt!) })}
            </li>
          ))}
        </ul>
      )}

      <h2 id="quizzes">{t("me.recentQuizzes")}</h2>
      {data.recentQuizzes.length === 0 ? (
        <p>{t("me.noQuizzes")}</p>
      ) : (
        <ul aria-labelledby="quizzes">
          {data.recentQuizzes.map((q) => (
            <li key={q.id}>
              <Link to={`/courses/${q.courseSlug}/${q.lessonSlug}?attempt=${q.id}`}>{q.title}</Link> ({q.courseTitle}) ·{" "}
              {t("quiz.historyScore", { score: q.score })} · {q.passed ? t("quiz.passed") : t("quiz.failed")}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

type RequiredData = ReturnType<typeof useLoaderData<typeof loader>>["required"];

/** First on /me: what the learner's unit requires, most urgent first, each with where to go on. */
function RequiredCourses({ courses, sharesWithUnit }: RequiredData) {
  const t = useT();
  return (
    <section aria-labelledby="required">
      <h2 id="required">{t("required.title")}</h2>
      {courses.length === 0 ? (
        <p>{t("required.none")}</p>
      ) : (
        <>
          <p>{t("required.intro")}</p>
          {sharesWithUnit ? null : (
            <p className="notice">
              {t("required.notShared")} <Link to="/account">{t("required.changeSharing")}</Link>
            </p>
          )}
          <ul className="cards" aria-labelledby="required">
            {courses.map((course) => (
              <li key={course.slug} className={`card required-card required-${course.state.replace(" ", "-")}`}>
                <h3>
                  <Link to={`/courses/${course.slug}`}>{course.title}</Link>
                </h3>
                <p>
                  <RequiredStatus state={course.state} dueAt={course.dueAt} completedAt={course.completedAt} />
                </p>
                {course.progress && !course.completedAt ? (
                  <>
                    <p>
                      <CourseProgressBar completed={course.progress.completedCount} required={course.progress.requiredCount} />
                    </p>
                    <NextStepLink courseSlug={course.slug} next={course.progress.next} finalQuiz={course.progress.finalQuiz} />
                  </>
                ) : course.completedAt ? null : (
                  <p>
                    <Link to={`/courses/${course.slug}`} className="button">
                      {t("required.goToCourse")}
                    </Link>
                  </p>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
