import { json, redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { Slug } from "~/models/content/schema";
import { addActiveTime, enroll, markComplete, unenroll } from "~/models/progress.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/misc";

// A slug is checked here, not only by the model: the course slug also
// makes the address to go back to, which ends up in a Location header.
const redirectTo = z.string().optional();
const ProgressForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("enroll"), course: Slug, redirectTo }),
  z.object({ intent: z.literal("unenroll"), course: Slug, redirectTo }),
  z.object({ intent: z.literal("mark"), course: Slug, lesson: Slug, redirectTo }),
  z.object({ intent: z.literal("time"), course: Slug, lesson: Slug, seconds: z.coerce.number().finite().positive(), redirectTo }),
]);

/**
 * Every change to a learner's progress: enrol, leave, mark a lesson
 * complete, and the page's reports of active time. Forms post here with or
 * without JavaScript (components/progress/); the answer is a redirect back,
 * or a 4xx with a translated message.
 */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = ProgressForm.safeParse(Object.fromEntries(await readForm(request)));
  const { t } = await getI18n(request);
  if (!form.success) return json({ error: t("form.invalid") }, { status: 400 });
  const input = form.data;
  const courseSlug = input.course;
  const back = safeRedirectPath(input.redirectTo, `/courses/${courseSlug}`);
  const refuse = (error: "notFound" | "notEnrolled") =>
    json({ error: t(error === "notFound" ? "progress.notFound" : "progress.notEnrolled") }, { status: error === "notFound" ? 404 : 409 });

  switch (input.intent) {
    case "enroll": {
      const result = await enroll({ userId: user.id, courseSlug });
      return result.error ? refuse(result.error) : redirect(back, 303);
    }
    case "unenroll":
      await unenroll({ userId: user.id, courseSlug });
      return redirect(back, 303);
    case "mark": {
      const result = await markComplete({ userId: user.id, courseSlug, lessonSlug: input.lesson });
      return "error" in result ? refuse(result.error) : redirect(back, 303);
    }
    case "time": {
      const result = await addActiveTime({ userId: user.id, courseSlug, lessonSlug: input.lesson, seconds: input.seconds });
      return result.error ? refuse(result.error) : json({ added: result.added });
    }
  }
}

export function loader() {
  return redirect("/me");
}
