/**
 * A quiz on the lesson page. Without JavaScript it is a plain form that
 * posts and comes back to the same place; with JavaScript the same form is
 * sent by a fetcher, so the page does not reload.
 *
 * Submitting with questions unanswered asks first, in the page. Without
 * JavaScript the server holds the submission back and the page comes back
 * with the answers given and a "Vẫn nộp bài" button; with JavaScript the same
 * notice appears before anything is sent. Not window.confirm: it could not
 * link to the questions left, its buttons speak the browser's language rather
 * than the page's, and some in-app browsers never show it.
 */
import type { SerializeFrom } from "@remix-run/node";
import { Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent, type MouseEvent } from "react";
import { useFormat, useT } from "~/components/i18n-provider";
import type { Answers, QuizView } from "~/models/quiz.server";
import { answerField, unansweredQuestions } from "~/utils/quiz";

/** A quiz as the page receives it: dates arrive as strings. */
export type QuizPanelData = SerializeFrom<QuizView>;
type OpenAttempt = NonNullable<QuizPanelData["open"]>;
type Question = OpenAttempt["questions"][number];
export type QuizActionError = { quizId: string; message: string; status: number; attemptId?: string };
/** A submission held back because questions were left unanswered: which ones, and the answers given, to show again. */
export type QuizUnanswered = { quizId: string; attemptId: string; questionIds: string[]; answers: Answers };
/** What the lesson's action answers when it does not redirect. */
export type QuizActionData = { quizError?: QuizActionError; quizUnanswered?: QuizUnanswered };
type QuizFetcher = ReturnType<typeof useFetcher<QuizActionData>>;

const dateTime = { dateStyle: "medium", timeStyle: "short" } as const;
const promptId = (quizId: string, questionId: string) => `q-${quizId}-${questionId}`;
const typed = (question: Question) => question.type === "text" || question.type === "number";
/** A question's text box, or one of its choices. */
const fieldId = (quizId: string, question: Question, choiceId?: string) => `${promptId(quizId, question.id)}-${choiceId ?? "answer"}`;

export function QuizPanel({ quiz, actionData }: { quiz: QuizPanelData; actionData?: QuizActionData }) {
  const t = useT();
  const format = useFormat();
  const fetcher = useFetcher<QuizActionData>();
  const location = useLocation();
  const busy = fetcher.state !== "idle";
  // With JavaScript the action answers this panel's fetcher; without, the page, which may hold other quizzes.
  const reply = fetcher.data ?? actionData;
  const shownError = reply?.quizError?.quizId === quiz.id ? reply.quizError : undefined;
  const heldBack = reply?.quizUnanswered?.quizId === quiz.id && reply.quizUnanswered.attemptId === quiz.open?.id ? reply.quizUnanswered : undefined;
  const headingId = `quiz-${quiz.id}-title`;
  const time = (iso: string) => format.date(iso, dateTime);
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
        // A new attempt starts with a new form: nothing asked yet, nothing filled in.
        <AttemptForm key={quiz.open.id} quiz={quiz} open={quiz.open} fetcher={fetcher} heldBack={heldBack} />
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

function AttemptForm({ quiz, open, fetcher, heldBack }: { quiz: QuizPanelData; open: OpenAttempt; fetcher: QuizFetcher; heldBack?: QuizUnanswered }) {
  const t = useT();
  const format = useFormat();
  const busy = fetcher.state !== "idle";
  // Asked in the browser, before sending; each time shows the notice afresh, and focuses it.
  const [asked, setAsked] = useState<{ questionIds: string[]; times: number } | null>(null);
  const unanswered = asked?.questionIds ?? heldBack?.questionIds ?? [];

  function askFirst(event: FormEvent<HTMLFormElement>) {
    // Past the time limit the server no longer asks: neither does the page, as every second counts.
    if (open.deadlineAt && Date.now() > Date.parse(open.deadlineAt)) return;
    const values = new FormData(event.currentTarget);
    const missing = unansweredQuestions(open.questions.map((q) => q.id), (id) => values.getAll(answerField(id)));
    if (missing.length === 0) {
      setAsked(null);
      return;
    }
    event.preventDefault();
    setAsked((previous) => ({ questionIds: missing, times: (previous?.times ?? 0) + 1 }));
  }

  function submitAnyway(event: MouseEvent<HTMLButtonElement>) {
    const form = event.currentTarget.form;
    if (!form) return;
    // Sent from here rather than through the submit event, which does not say which button was pressed
    // in browsers without SubmitEvent.submitter (iOS before 15.4): the confirmation would be lost.
    event.preventDefault();
    const values = new FormData(form);
    values.set("confirmUnanswered", "true");
    fetcher.submit(values, { method: "post" });
  }

  return (
    <fetcher.Form method="post" className="stack quiz-form" onSubmit={askFirst}>
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="quizId" value={quiz.id} />
      <input type="hidden" name="attemptId" value={open.id} />
      {unanswered.length ? (
        <UnansweredNotice key={asked?.times ?? 0} quiz={quiz} questions={open.questions} unanswered={unanswered} busy={busy} onConfirm={submitAnyway} />
      ) : null}
      {open.deadlineAt ? <p className="notice">{t("quiz.deadline", { time: format.date(open.deadlineAt, dateTime) })}</p> : null}
      {open.questions.map((question, index) => {
        const labelId = promptId(quiz.id, question.id);
        // Answers given before a held-back submission, shown again when the page comes back without JavaScript.
        const given = heldBack?.answers[question.id];
        return (
          <fieldset key={question.id} className="fieldset question" aria-labelledby={labelId}>
            <div id={labelId} className="question-prompt">
              <span className="question-number">{t("quiz.questionNumber", { number: index + 1 })}</span>
              <div dangerouslySetInnerHTML={{ __html: question.promptHtml }} />
            </div>
            {typed(question) ? (
              <div className="field">
                <label htmlFor={fieldId(quiz.id, question)}>{t("quiz.yourAnswer")}</label>
                <input
                  id={fieldId(quiz.id, question)}
                  name={answerField(question.id)}
                  type="text"
                  inputMode={question.type === "number" ? "decimal" : "text"}
                  autoComplete="off"
                  maxLength={200}
                  defaultValue={given?.[0]}
                />
              </div>
            ) : (
              question.choices.map((choice) => (
                <div key={choice.id} className="field-checkbox choice">
                  <input
                    type={question.type === "multiple" ? "checkbox" : "radio"}
                    id={fieldId(quiz.id, question, choice.id)}
                    name={answerField(question.id)}
                    value={choice.id}
                    defaultChecked={given?.includes(choice.id)}
                  />
                  {/* Choice text is HTML from the lesson compiler (bold, links); the rule cannot see text set that way. */}
                  {/* eslint-disable-next-line jsx-a11y/label-has-associated-control */}
                  <label htmlFor={fieldId(quiz.id, question, choice.id)}>
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
  );
}

/**
 * "You have not answered 3 questions": which ones, each linked to its first
 * field, and a button that submits all the same. Focus comes here, as to an
 * error summary, since it answers the learner's own press of "Nộp bài".
 */
function UnansweredNotice({
  quiz,
  questions,
  unanswered,
  busy,
  onConfirm,
}: {
  quiz: QuizPanelData;
  questions: Question[];
  unanswered: string[];
  busy: boolean;
  onConfirm: (event: MouseEvent<HTMLButtonElement>) => void;
}) {
  const t = useT();
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => notice.current?.focus(), []);
  const left = questions.flatMap((question, index) => (unanswered.includes(question.id) ? [{ question, number: index + 1 }] : []));
  const listId = `quiz-${quiz.id}-unanswered`;
  const maxAttempts = quiz.settings.maxAttempts;
  return (
    // Without JavaScript, autofocus moves focus here as the page loads; with it, the effect above does.
    // eslint-disable-next-line jsx-a11y/no-autofocus
    <div ref={notice} className="form-error quiz-unanswered" role="alert" tabIndex={-1} autoFocus>
      <p className="quiz-unanswered-title">{left.length === 1 ? t("quiz.unansweredOne") : t("quiz.unanswered", { count: left.length })}</p>
      <p id={listId}>{t("quiz.unansweredList")}</p>
      <ul className="quiz-unanswered-list" aria-labelledby={listId}>
        {left.map(({ question, number }) => (
          <li key={question.id}>
            <a href={`#${fieldId(quiz.id, question, typed(question) ? undefined : question.choices[0]?.id)}`}>{t("quiz.questionLink", { number })}</a>
          </li>
        ))}
      </ul>
      <p>
        {t("quiz.unansweredHint")}
        {maxAttempts ? ` ${t("quiz.unansweredUsesAttempt", { count: maxAttempts })}` : null}
      </p>
      <button type="submit" name="confirmUnanswered" value="true" disabled={busy} onClick={onConfirm}>
        {t("quiz.submitAnyway")}
      </button>
    </div>
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
