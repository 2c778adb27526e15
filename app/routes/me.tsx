import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { CourseProgressBar, NextStepLink } from "~/components/progress/progress-controls";
import { expiringSoon } from "~/models/certificate.server";
import { dashboard } from "~/models/progress.server";
import { requireUser } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getI18n(request);
  const [board, expiring] = await Promise.all([dashboard({ userId: user.id }), expiringSoon({ userId: user.id })]);
  return { ...board, expiring, name: user.fullName, title: `${t("me.title")} · ${t("app.name")}` };
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
