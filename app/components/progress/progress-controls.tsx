/**
 * The progress buttons, each with the same form with or without JavaScript:
 * they post to routes/progress.tsx. With JavaScript, "mark complete" shows
 * as done at once (optimistic) and the page does not reload. Also the bar
 * and the "what next" link that the course page, the lesson page and /me
 * share.
 */
import { Form, Link, useFetcher, useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { useT } from "~/components/i18n-provider";

function useHere() {
  const location = useLocation();
  return `${location.pathname}${location.search}`;
}

export function MarkCompleteButton({ courseSlug, lessonSlug, complete }: { courseSlug: string; lessonSlug: string; complete: boolean }) {
  const t = useT();
  const here = useHere();
  const fetcher = useFetcher<{ error?: string }>();
  const optimistic = fetcher.formData?.get("intent") === "mark";
  const done = complete || (optimistic && !fetcher.data?.error);
  if (done) {
    return (
      <p className="notice lesson-done" role="status">
        {t("progress.lessonDone")}
      </p>
    );
  }
  return (
    <fetcher.Form method="post" action="/progress" className="mark-complete">
      <input type="hidden" name="intent" value="mark" />
      <input type="hidden" name="course" value={courseSlug} />
      <input type="hidden" name="lesson" value={lessonSlug} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" className="primary">
        {t("progress.markComplete")}
      </button>
      {fetcher.data?.error ? (
        <p className="form-error" role="alert">
          {fetcher.data.error}
        </p>
      ) : null}
    </fetcher.Form>
  );
}

/** Enrol or leave: a plain form back to this page, the same with or without JavaScript. */
function EnrolmentForm({ intent, courseSlug, label, primary }: { intent: "enroll" | "unenroll"; courseSlug: string; label: string; primary?: boolean }) {
  const here = useHere();
  return (
    <Form method="post" action="/progress">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="course" value={courseSlug} />
      <input type="hidden" name="redirectTo" value={here} />
      <button type="submit" className={primary ? "primary" : undefined}>
        {label}
      </button>
    </Form>
  );
}

export function EnrollButton({ courseSlug }: { courseSlug: string }) {
  const t = useT();
  return <EnrolmentForm intent="enroll" courseSlug={courseSlug} label={t("progress.enroll")} primary />;
}

export function UnenrollButton({ courseSlug }: { courseSlug: string }) {
  const t = useT();
  return <EnrolmentForm intent="unenroll" courseSlug={courseSlug} label={t("progress.unenroll")} />;
}

const REPORT_EVERY_MS = 30_000;
const IDLE_AFTER_MS = 60_000;

/**
 * Reports active learning time while the lesson is on screen and the learner
 * has touched, scrolled or typed in the last minute. Plain fetch, not a
 * Remix fetcher: a report must not reload the page's data. Without
 * JavaScript nothing is reported; completing a lesson then counts the time
 * the server saw since it was opened, up to its estimated minutes
 * (docs/decisions/0014-credited-time.md).
 */
export function useActiveTime({ courseSlug, lessonSlug, enabled }: { courseSlug: string; lessonSlug: string; enabled: boolean }) {
  useEffect(() => {
    if (!enabled) return;
    let lastInteraction = Date.now();
    const touch = () => {
      lastInteraction = Date.now();
    };
    const events = ["pointerdown", "keydown", "scroll", "touchstart"] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const timer = window.setInterval(() => {
      if (document.visibilityState !== "visible" || Date.now() - lastInteraction > IDLE_AFTER_MS) return;
      const body = new FormData();
      body.set("intent", "time");
      body.set("course", courseSlug);
      body.set("lesson", lessonSlug);
      body.set("seconds", String(REPORT_EVERY_MS / 1000));
      void fetch("/progress", { method: "POST", body }).catch(() => undefined);
    }, REPORT_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [courseSlug, lessonSlug, enabled]);
}

/** "3/8 lessons done" with its bar; the caller gives the paragraph around it. */
export function CourseProgressBar({ completed, required, className }: { completed: number; required: number; className?: string }) {
  const t = useT();
  return (
    <>
      <progress className={className} max={required} value={completed} aria-label={t("progress.courseLabel")}>
        {completed}/{required}
      </progress>{" "}
      {t("progress.lessonsDone", { done: completed, total: required })}
    </>
  );
}

/** Where to go on: the first lesson not done, else the final quiz not yet passed, else nothing. */
export function NextStepLink({
  courseSlug,
  next,
  finalQuiz,
}: {
  courseSlug: string;
  next: { slug: string; title: string } | null;
  finalQuiz: { id: string; lessonSlug: string; passed: boolean } | null;
}) {
  const t = useT();
  const target = next
    ? { to: `/courses/${courseSlug}/${next.slug}`, label: t("progress.continue", { lesson: next.title }) }
    : finalQuiz && !finalQuiz.passed
      ? { to: `/courses/${courseSlug}/${finalQuiz.lessonSlug}#quiz-${finalQuiz.id}`, label: t("progress.takeFinal") }
      : null;
  if (!target) return null;
  return (
    <p>
      <Link to={target.to} className="button">
        {target.label}
      </Link>
    </p>
  );
}
