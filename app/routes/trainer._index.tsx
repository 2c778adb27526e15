import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { listTrainerQuizzes } from "~/models/quiz-stats.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["trainer", "admin"]);
  const { t } = await getI18n(request);
  return { courses: await listTrainerQuizzes(actor), title: `${t("trainer.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function TrainerHome() {
  const { courses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("trainer.title")}</h1>
      <p className="lead">{t("trainer.lead")}</p>
      {courses.length === 0 ? <p>{t("trainer.noCourses")}</p> : null}
      {courses.map((course) => (
        <section key={course.slug} aria-labelledby={`course-${course.slug}`}>
          <h2 id={`course-${course.slug}`}>{course.title}</h2>
          <ul>
            {course.quizzes.map((quiz) => (
              <li key={quiz.id}>
                <Link to={`/trainer/${course.slug}/${quiz.id}`}>{quiz.title ?? (quiz.final ? t("quiz.finalTitle") : quiz.lessonTitle)}</Link>{" "}
                <span className="muted">· {t("trainer.attemptCount", { count: quiz.attempts })}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}
