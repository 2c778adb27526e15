import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { auditEvent } from "~/models/audit.server";
import { endAllSessions, endSession, getUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";

/**
 * Signs out this device, or every device ("everywhere"). A POST only: a
 * link or an image on another site must not be able to sign anyone out.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request);
  const user = await getUser(request);
  if (user && form.get("everywhere") === "on") {
    await endAllSessions(user.id);
    await auditEvent({ actorId: user.id, action: "sessions.ended", subjectId: user.id });
  }
  const cookie = await endSession(request);
  return redirect("/", { status: 303, headers: { "Set-Cookie": cookie } });
}

export function loader() {
  return redirect("/");
}
