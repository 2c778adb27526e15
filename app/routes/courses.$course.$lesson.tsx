import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { QuizPanel, type QuizActionData } from "~/components/quiz/quiz-panel";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { getCourse, getLesson } from "~/models/course.server";
import { recordView } from "~/models/progress.server";
import { quizView, startAttempt, submitAttempt } from "~/models/quiz.server";
import { CourseProgressBar, EnrollButton, MarkCompleteButton, useActiveTime } from "~/components/progress/progress-controls";
import { getUser, requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { parseQuizForm } from "~/utils/schemas/quiz.server";
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
  // A reader who is not signed in costs no query: progress and quizzes need a user.
  const user = await getUser(request);
  // Opening a lesson is what "viewed" means: for an enrolled learner it is recorded (and only the first time counts).
  const viewed = user ? await recordView({ userId: user.id, courseSlug: course.slug, lessonSlug: lesson.slug }) : null;
  const progress = viewed && "ok" in viewed ? viewed.summary : null;
  const state = progress?.lessons.find((l) => l.slug === lesson.slug) ?? null;
  const feedbackFor = new URL(request.url).searchParams.get("attempt");
  const quizzes = await Promise.all(
    lesson.quizzes.map((definition) => quizView({ definition, courseSlug: course.slug, userId: user?.id ?? null, feedbackFor })),
  );
  return {
    signedIn: Boolean(user),
    progress: progress
      ? { completed: progress.completedCount, required: progress.requiredCount, courseDone: Boolean(progress.completedAt), lesson: state }
      : null,
    quizzes,
    segments: splitAtQuizzes(lesson.html),
    course: { slug: course.slug, title: course.meta.title, lessonCount: course.lessons.length, language: course.meta.language },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      description: lesson.description,
      minutes: lesson.minutes,
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

/** The lesson's HTML cut where its quizzes stand (the compiler left an empty slot for each). */
type Segment = { html: string } | { quizId: string };
function splitAtQuizzes(html: string): Segment[] {
  const parts = html.split(/<div class="quiz-slot" data-quiz-slot="([^"]*)"><\/div>/);
  return parts.flatMap((part, i): Segment[] => (i % 2 === 1 ? [{ quizId: part }] : part ? [{ html: part }] : []));
}

/** Starting and submitting the lesson's quizzes. Each answer is a redirect back here (or a 4xx with a message). */
export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  // The course, the lesson and the quiz come from the content, never from the
  // request as typed: they make the address to go back to, a Location header.
  const found = getLesson(params.course ?? "", params.lesson ?? "");
  if (!found) throw new Response("Not found", { status: 404 });
  const courseSlug = found.course.slug;
  const lessonSlug = found.lesson.slug;
  const { t, locale } = await getI18n(request);
  const form = await readForm(request);
  const parsed = parseQuizForm(form);
  const quiz = parsed.ok ? found.lesson.quizzes.find((q) => q.id === parsed.data.quizId) : undefined;
  const quizId = quiz?.id ?? "";
  const refuse = (status: number, message: string, attemptId?: string) =>
    json<QuizActionData>({ quizError: { quizId, message, status, attemptId } }, { status });
  const back = (query = "") => redirect(`/courses/${courseSlug}/${lessonSlug}${query}#quiz-${quizId}`, 303);
  if (!parsed.ok) return refuse(400, t("form.invalid"));
  // A quiz of another lesson, or none: nothing to start or send here.
  if (!quiz) return refuse(404, t("quiz.notFound"));

  const fields = parsed.data;
  if (fields.intent === "start") {
    const started = await startAttempt({ userId: user.id, courseSlug, quizId });
    if ("error" in started) {
      if (started.error === "wait") {
        const until = new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "vi-VN", { timeStyle: "short", dateStyle: "medium", timeZone: "Asia/Ho_Chi_Minh" }).format(started.until);
        return refuse(429, t("quiz.waitUntil", { time: until }));
      }
      return started.error === "noAttemptsLeft" ? refuse(409, t("quiz.noAttemptsLeft")) : refuse(404, t("quiz.notFound"));
    }
    return back();
  }
  if (fields.intent === "submit") {
    const { attemptId, confirmUnanswered } = fields;
    const submitted = await submitAttempt({ userId: user.id, courseSlug, quizId, attemptId, form, confirmUnanswered });
    if ("error" in submitted) {
      switch (submitted.error) {
        case "unanswered":
          // Nothing recorded: the page comes back with the answers given and asks the learner to confirm.
          return json<QuizActionData>({ quizUnanswered: { quizId, attemptId, questionIds: submitted.questionIds, answers: submitted.answers } }, { status: 400 });
        case "badAnswer":
          return refuse(400, t("quiz.badAnswer"));
        case "changed":
          return refuse(409, t("quiz.changed"));
        default:
          return refuse(404, t("quiz.notFound"));
      }
    }
    if (submitted.alreadySubmitted) return refuse(409, t("quiz.alreadySubmitted"), submitted.attemptId);
    return back(`?attempt=${submitted.attemptId}`);
  }
  return refuse(400, t("form.invalid"));
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => (data ? pageMeta(data.meta) : rootMeta(matches));

export default function LessonPage() {
  const { course, lesson, previous, next, segments, quizzes, progress, signedIn } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  useActiveTime({ courseSlug: course.slug, lessonSlug: lesson.slug, enabled: Boolean(progress) });
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
        {progress ? (
          <p className="muted">
            <CourseProgressBar className="course-progress" completed={progress.completed} required={progress.required} />
          </p>
        ) : (
          <progress className="course-progress" max={course.lessonCount} value={lesson.number} aria-label={t("lesson.positionLabel")}>
            {lesson.number}/{course.lessonCount}
          </progress>
        )}
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
      <div className="lesson-body">
        {segments.map((segment, i) => {
          if ("html" in segment) return <div key={i} className="lesson-html" dangerouslySetInnerHTML={{ __html: segment.html }} />;
          const quiz = quizzes.find((q) => q.id === segment.quizId);
          return quiz ? <QuizPanel key={i} quiz={quiz} actionData={actionData} /> : null;
        })}
      </div>

      <section className="lesson-progress no-print" aria-label={t("progress.lessonLabel")}>
        {progress?.lesson ? (
          progress.lesson.rule === "marked" ? (
            <MarkCompleteButton courseSlug={course.slug} lessonSlug={lesson.slug} complete={progress.lesson.complete} />
          ) : progress.lesson.complete ? (
            <p className="notice lesson-done">{t("progress.lessonDone")}</p>
          ) : (
            <p className="notice">{t("progress.passQuizToComplete")}</p>
          )
        ) : signedIn ? (
          <>
            <p>{t("progress.enrollToTrack")}</p>
            <EnrollButton courseSlug={course.slug} />
          </>
        ) : null}
        {progress?.courseDone ? <p className="notice">{t("progress.courseDone")}</p> : null}
      </section>

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
