import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { ProfileFields } from "~/components/account/profile-fields";
import { useT } from "~/components/i18n-provider";
import { IdentifierField, NewAccountConsents, NewPasswordField } from "~/components/account/account-fields";
import { FormError, useClientValidation, type FormFailure } from "~/components/ui/form";
import { membershipOptions } from "~/models/membership.server";
import { signUp } from "~/models/user.server";
import { getUser, signInHeaders } from "~/utils/auth.server";
import { formFailure, parseRequest, waitMessage } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { safeRedirectPath } from "~/utils/misc";
import { SignUpForm } from "~/utils/schemas/account";
import { message } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getUser(request)) throw redirect("/account");
  const { t } = await getI18n(request);
  return { options: await membershipOptions(), title: `${t("signUp.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseRequest(request, SignUpForm);
  if (!form.ok) return formFailure(form.errors, form.values);
  const { t } = await getI18n(request);
  const result = await signUp(form.data, {
    onDuplicateNotice: () => ({ subject: t("mail.duplicateSignUp.subject"), body: t("mail.duplicateSignUp.body") }),
  });
  if (result.ok) {
    // Where to go is settled before the session exists: nothing after it may fail.
    const next = safeRedirectPath(form.data.redirectTo, "/me");
    return redirect(next, { headers: await signInHeaders(result.userId, request) });
  }
  const typed = form.values;
  switch (result.reason) {
    case "duplicate":
      return formFailure({ identifier: [message("signUp.duplicate")] }, typed, 409);
    case "throttled":
      return formFailure({ form: [waitMessage(result.waitMs)] }, typed, 429);
    case "field":
      return formFailure({ [result.problem.field]: [message(result.problem.message)] }, typed, 400);
  }
}

export default function SignUp() {
  const { options } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useClientValidation(SignUpForm, failure?.errors);
  const values = failure?.values ?? {};
  const redirectTo = searchParams.get("redirectTo") ?? "";

  return (
    <section className="narrow">
      <h1>{t("signUp.title")}</h1>
      <p className="lead">{t("signUp.lead")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <IdentifierField errors={errors} defaultValue={values.identifier} withHint />
        <NewPasswordField errors={errors} label={t("account.password")} />
        <ProfileFields options={options} values={values} errors={errors} />
        <NewAccountConsents values={values} errors={errors} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("signUp.submit")}
        </button>
      </Form>
      <p>
        {t("signUp.haveAccount")} <Link to={redirectTo ? `/sign-in?${new URLSearchParams({ redirectTo })}` : "/sign-in"}>{t("signIn.title")}</Link>
      </p>
    </section>
  );
}
