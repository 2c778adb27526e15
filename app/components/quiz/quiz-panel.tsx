/**
 * A quiz on the lesson page. Without JavaScript it is a plain form that
 * posts and comes back to the same place; with JavaScript the same form is
 * sent by a fetcher, so the page does not reload.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import type { QuizView } from "~/models/quiz.server";

/** A quiz as the page receives it: dates arrive as strings. */
export type QuizPanelData = SerializeFrom<QuizView>;
export type QuizActionError = { quizId: string; message: string; status: number; attemptId?: string };

export function QuizPanel({ quiz, error }: { quiz: QuizPanelData; error?: QuizActionError }) {
  const t = useT();
  const format = useFormat();
  const fetcher = useFetcher();
  const location = useLocation();
  const busy = fetcher.state !== "idle";
  // Refusals come back as the fetcher's data with JavaScript, as the page's action data without.
  const fetched = (fetcher.data as { quizError?: QuizActionError } | undefined)?.quizError;
  const shownError = fetched ?? (error?.quizId === quiz.id ? error : undefined);
  const headingId = `quiz-${quiz.id}-title`;
  const time = (iso: string) => format.date(iso, { dateStyle: "medium", timeStyle: "short" });
  const rules = [
    t("quiz.rules.questions", { count: quiz.questionCount }),
    t("quiz.rules.passMark", { percent: quiz.settings.passMark }),
    quiz.settings.maxAttempts ? t("quiz.rules.attempts", { count: quiz.settings.maxAttempts }) : t("quiz.rules.unlimited"),
    quiz.settings.waitMinutes ? t("quiz.rules.wait", { minutes: quiz.settings.waitMinutes }) : null,
    quiz.settings.timeLimitMinutes ? t("quiz.rules.timeLimit", { minutes: quiz.settings.timeLimitMinutes }) : null,
  ].filter(Boolean);

  return (
    <section className="quiz" id={`quiz-${quiz.id}`} aria-labelledby={headingId}>
      <h2 id={headingId}>{quiz.title ?? (quiz.settings.final ? t("quiz.finalTitle") : t("quiz.title"))}</h2>
      <p className="muted">{rules.join(" · ")}</p>

      {shownError ? (
        <div className="form-error" role="alert">
          <p>{shownError.message}</p>
        </div>
      ) : null}

      {quiz.feedback ? <Feedback feedback={quiz.feedback} passMark={quiz.settings.passMark} /> : null}

      {!quiz.signedIn ? (
        <p>
          <Link to={`/sign-in?${new URLSearchParams({ redirectTo: `${location.pathname}#quiz-${quiz.id}` })}`}>{t("quiz.signInToTake")}</Link>
        </p>
      ) : quiz.open ? (
        <fetcher.Form method="post" className="stack quiz-form">
          <input type="hidden" name="intent" value="submit" />
          <input type="hidden" name="quizId" value={quiz.id} />
          <input type="hidden" name="attemptId" value={quiz.open.id} />
          {quiz.open.deadlineAt ? <p className="notice">{t("quiz.deadline", { time: time(quiz.open.deadlineAt) })}</p> : null}
          {quiz.open.questions.map((question, index) => {
            const promptId = `q-${quiz.id}-${question.id}`;
            return (
              <fieldset key={question.id} className="fieldset question" aria-labelledby={promptId}>
                <div id={promptId} className="question-prompt">
                  <span className="question-number">{t("quiz.questionNumber", { number: index + 1 })}</span>
                  <div dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
                </div>
                {question.type === "text" || question.type === "number" ? (
                  <div className="field">
                    <label htmlFor={`${promptId}-answer`}>{t("quiz.yourAnswer")}</label>
                    <input
                      id={`${promptId}-answer`}
                      name={`q.${question.id}`}
                      type="text"
                      inputMode={question.type === "number" ? "decimal" : "text"}
                      autoComplete="off"
                      maxLength={200}
                    />
                  </div>
                ) : (
                  question.choices.map((choice) => (
                    <div key={choice.id} className="field-checkbox choice">
                      <input
                        type={question.type === "multiple" ? "checkbox" : "radio"}
                        id={`${promptId}-${choice.id}`}
                        name={`q.${question.id}`}
                        value={choice.id}
                      />
                      {/* Choice text is HTML from the lesson compiler (bold, links); the rule cannot see text set that way. */}
                      {/* eslint-disable-next-line jsx-a11y/label-has-associated-control */}
                      <label htmlFor={`${promptId}-${choice.id}`}>
                        <span dangerouslySetInnerHTML={{ __html: choice.html }} />
                      </label>
                    </div>
                  ))
                )}
                {question.type === "multiple" ? <p className="field-hint">{t("quiz.multipleHint")}</p> : null}
              </fieldset>
            );
          })}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t("quiz.submitting") : t("quiz.submit")}
          </button>
        </fetcher.Form>
      ) : quiz.availability.kind === "now" ? (
        <fetcher.Form method="post">
          <input type="hidden" name="intent" value="start" />
          <input type="hidden" name="quizId" value={quiz.id} />
          <button type="submit" className="primary" disabled={busy}>
            {quiz.history.length ? t("quiz.startAgain") : t("quiz.start")}
          </button>
        </fetcher.Form>
      ) : quiz.availability.kind === "wait" ? (
        <p className="notice">{t("quiz.waitUntil", { time: time(quiz.availability.until) })}</p>
      ) : (
        <p className="notice">{t("quiz.noAttemptsLeft")}</p>
      )}

      {quiz.history.length ? (
        <details className="quiz-history">
          <summary>{t("quiz.history", { count: quiz.history.length })}</summary>
          <ol>
            {quiz.history.map((attempt) => (
              <li key={attempt.id}>
                {time(attempt.submittedAt ?? attempt.startedAt)}: {t("quiz.historyScore", { score: attempt.score ?? 0 })} ·{" "}
                {attempt.passed ? t("quiz.passed") : t("quiz.failed")}
                {attempt.outcome === "late" ? ` · ${t("quiz.lateShort")}` : null}
                {attempt.outcome === "refused" ? ` · ${t("quiz.refusedShort")}` : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}

function Feedback({ feedback, passMark }: { feedback: NonNullable<QuizPanelData["feedback"]>; passMark: number }) {
  const t = useT();
  return (
    <div className={`quiz-result ${feedback.passed ? "quiz-passed" : "quiz-failed"}`} role="status">
      <p className="quiz-score">
        {t("quiz.score", { score: feedback.score })} · {feedback.passed ? t("quiz.passed") : t("quiz.failedNeed", { percent: passMark })}
      </p>
      {feedback.outcome === "late" ? <p>{t("quiz.late")}</p> : null}
      {feedback.outcome === "refused" ? <p>{t("quiz.refused")}</p> : null}
      {feedback.detail === "score" ? <p>{t("quiz.reviewNever")}</p> : null}
      {feedback.detail === "wrong-only" ? <p>{t("quiz.reviewAfterPass")}</p> : null}
      {feedback.questions.length ? (
        <ol className="quiz-review">
          {feedback.questions.map((q) => (
            <li key={q.id} className={q.correct ? "answer-right" : "answer-wrong"}>
              <div dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
              <p>
                <strong>{q.correct ? t("quiz.right") : t("quiz.wrong")}</strong>
                {q.answers?.length === 1 ? (
                  <>
                    {" "}
                    {t("quiz.rightAnswer")} <span className="right-answer" dangerouslySetInnerHTML={{ __html: q.answers[0]! }} />
                  </>
                ) : q.answers?.length ? (
                  <> {t("quiz.rightAnswer")}</>
                ) : null}
              </p>
              {q.answers && q.answers.length > 1 ? (
                <ul>
                  {q.answers.map((answer) => (
                    <li key={answer}>
                      <span className="right-answer" dangerouslySetInnerHTML={{ __html: answer }} />
                    </li>
                  ))}
                </ul>
              ) : null}
              {q.explanation ? <div className="quiz-explanation" dangerouslySetInnerHTML={{ __html: q.explanation }} /> : null}
            </li>
          ))}
        </ol>
      ) : null}
    </div>
  );
}
