import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { quizStatistics } from "~/models/quiz-stats.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["trainer", "admin"]);
  const stats = await quizStatistics({ actor, courseSlug: params.course ?? "", quizId: params.quiz ?? "" });
  const { t } = await getI18n(request);
  return { stats, title: `${t("trainer.statsTitle")} · ${stats.lesson.title} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function QuizStatistics() {
  const { stats } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const percent = (share: number | null) => (share === null ? "—" : format.number(share, { style: "percent", maximumFractionDigits: 0 }));
  const most = Math.max(1, ...stats.distribution.map((d) => d.count));

  return (
    <>
      <nav aria-label={t("breadcrumb.label")} className="breadcrumb">
        <Link to="/trainer">{t("trainer.title")}</Link>
        <span aria-hidden="true"> › </span>
        <Link to={`/courses/${stats.course.slug}/${stats.lesson.slug}`}>{stats.course.title}</Link>
      </nav>
      <h1>{stats.quiz.title ?? (stats.quiz.final ? t("quiz.finalTitle") : stats.lesson.title)}</h1>
      <dl className="details-list">
        <dt>{t("trainer.attempts")}</dt>
        <dd>{format.number(stats.attempts)}</dd>
        <dt>{t("trainer.learners")}</dt>
        <dd>{t("trainer.learnersPassed", { learners: stats.learners, passed: stats.learnersPassed })}</dd>
        <dt>{t("trainer.passRate")}</dt>
        <dd>{t("trainer.passRateValue", { rate: percent(stats.passRate), mark: stats.quiz.passMark })}</dd>
      </dl>
      {stats.earlierVersionAttempts ? <p className="muted">{t("trainer.earlierVersions", { count: stats.earlierVersionAttempts })}</p> : null}

      <h2>{t("trainer.distribution")}</h2>
      <table>
        <caption className="visually-hidden">{t("trainer.distribution")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("trainer.scoreBand")}</th>
            <th scope="col">{t("trainer.attempts")}</th>
          </tr>
        </thead>
        <tbody>
          {stats.distribution.map((band) => (
            <tr key={band.from}>
              <th scope="row">{band.from === 100 ? "100%" : `${band.from}–${band.from + 9}%`}</th>
              <td>
                <meter min={0} max={most} value={band.count} aria-hidden="true" /> {format.number(band.count)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("trainer.questions")}</h2>
      <ol className="question-stats">
        {stats.questions.map((q) => (
          <li key={q.id} className={q.flagged ? "flagged" : undefined}>
            <div dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
            {q.flagged ? <p className="form-error">{t("trainer.flagged")}</p> : null}
            <p>
              {t("trainer.correctShare", { share: percent(q.correctShare), answered: q.answered })} ·{" "}
              {t("trainer.discrimination", { value: q.discrimination === null ? "—" : format.number(q.discrimination, { maximumFractionDigits: 2 }) })}
            </p>
            {q.choices.length ? (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("trainer.choice")}</th>
                    <th scope="col">{t("trainer.picked")}</th>
                  </tr>
                </thead>
                <tbody>
                  {q.choices.map((c) => (
                    <tr key={c.id}>
                      <td>
                        <span dangerouslySetInnerHTML={{ __html: c.html }} />
                        {c.correct ? <strong> ({t("trainer.correctChoice")})</strong> : null}
                      </td>
                      <td>{format.number(c.picked)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
