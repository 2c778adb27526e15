import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { addActiveTime, enroll, markComplete, unenroll } from "~/models/progress.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/misc";

/**
 * Every change to a learner's progress: enrol, leave, mark a lesson
 * complete, and the page's reports of active time. Forms post here with or
 * without JavaScript (components/progress/); the answer is a redirect back,
 * or a 4xx with a translated message.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const { t } = await getI18n(request);
  const text = (name: string) => String(form.get(name) ?? "").slice(0, 200);
  const courseSlug = text("course");
  const lessonSlug = text("lesson");
  const back = safeRedirectPath(form.get("redirectTo"), `/courses/${courseSlug}`);
  const refuse = (error: "notFound" | "notEnrolled") =>
    json({ error: t(error === "notFound" ? "progress.notFound" : "progress.notEnrolled") }, { status: error === "notFound" ? 404 : 409 });

  switch (form.get("intent")) {
    case "enroll": {
      const result = await enroll({ userId: user.id, courseSlug });
      return result.error ? refuse(result.error) : redirect(back, 303);
    }
    case "unenroll":
      await unenroll({ userId: user.id, courseSlug });
      return redirect(back, 303);
    case "mark": {
      const result = await markComplete({ userId: user.id, courseSlug, lessonSlug });
      return "error" in result ? refuse(result.error) : redirect(back, 303);
    }
    case "time": {
      const seconds = Number(form.get("seconds"));
      if (!Number.isFinite(seconds) || seconds <= 0) return json({ error: t("form.invalid") }, { status: 400 });
      const result = await addActiveTime({ userId: user.id, courseSlug, lessonSlug, seconds });
      return result.error ? refuse(result.error) : json({ added: result.added });
    }
    default:
      return json({ error: t("form.invalid") }, { status: 400 });
  }
}

export function loader() {
  return redirect("/me");
}
