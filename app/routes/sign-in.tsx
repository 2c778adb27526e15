import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { IdentifierField } from "~/components/account/account-fields";
import { FormError, TextField, useClientValidation, type FormFailure } from "~/components/ui/form";
import { authenticate } from "~/models/user.server";
import { getUser, readDeviceCookie, signInHeaders } from "~/utils/auth.server";
import { formFailure, parseRequest, waitMessage } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/misc";
import { SignInForm } from "~/utils/schemas/account";
import { message } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  if (await getUser(request)) throw redirect(safeRedirectPath(url.searchParams.get("redirectTo"), "/account"));
  const { t } = await getI18n(request);
  return { title: `${t("signIn.title")} · ${t("app.name")}`, passwordWasReset: url.searchParams.get("reset") === "done" };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseRequest(request, SignInForm);
  // A malformed identifier is said plainly: it reveals nothing about accounts.
  if (!form.ok) return formFailure(form.errors, form.values);
  const result = await authenticate({ ...form.data, device: await readDeviceCookie(request) });
  if (result.ok) {
    // Where to go is settled before the session exists: nothing after it may fail.
    const next = safeRedirectPath(form.data.redirectTo, "/me");
    return redirect(next, { headers: await signInHeaders(result.userId, request) });
  }
  switch (result.reason) {
    case "invalid":
      // The same words for an unknown account and a wrong password.
      return formFailure({ form: [message("signIn.invalid")] }, form.values, 400);
    case "throttled":
      return formFailure({ form: [waitMessage(result.waitMs, "signIn.throttled")] }, form.values, 429);
    case "disabled":
      return formFailure({ form: [message("signIn.disabled")] }, form.values, 403);
  }
}

export default function SignIn() {
  const { passwordWasReset } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useClientValidation(SignInForm, failure?.errors);
  const redirectTo = searchParams.get("redirectTo") ?? "";
  const query = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : "";

  return (
    <section className="narrow">
      <h1>{t("signIn.title")}</h1>
      {passwordWasReset ? (
        <p className="notice" role="status">
          {t("reset.done")}
        </p>
      ) : null}
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <IdentifierField errors={errors} defaultValue={failure?.values?.identifier} />
        <TextField name="password" type="password" label={t("account.password")} autoComplete="current-password" maxLength={1000} required errors={errors} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("signIn.submit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("signIn.forgot")}</Link>
      </p>
      <p>
        {t("signIn.noAccount")} <Link to={`/sign-up${query}`}>{t("signUp.title")}</Link>
      </p>
    </section>
  );
}
