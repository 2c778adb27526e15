import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { readForm } from "~/utils/forms.server";
import { localeCookieHeader } from "~/utils/i18n.server";
import { locales } from "~/utils/i18n";
import { safeRedirectPath } from "~/utils/misc";

const LanguageForm = z.object({
  lang: z.enum(locales),
  redirectTo: z.string().optional(),
});

/** Remembers the chosen language and returns the reader to the page they were on. */
export async function action({ request }: ActionFunctionArgs) {
  const form = LanguageForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) throw new Response("Unknown language", { status: 400 });
  return redirect(safeRedirectPath(form.data.redirectTo), {
    status: 303,
    headers: { "Set-Cookie": localeCookieHeader(form.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
