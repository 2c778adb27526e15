import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { NewPasswordField } from "~/components/account/account-fields";
import { FormError, useClientValidation, type FormFailure } from "~/components/ui/form";
import { isResetTokenUsable, resetPassword } from "~/models/password-reset.server";
import { deviceCookieFor } from "~/utils/auth.server";
import { formFailure, parseRequest } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { ResetPasswordForm } from "~/utils/schemas/account";
import { message } from "~/utils/schemas/fields";
import { tokenPageMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const { t } = await getI18n(request);
  const usable = token.length > 0 && token.length <= 200 && (await isResetTokenUsable(token));
  return { token: usable ? token : null, title: `${t("reset.title")} · ${t("app.name")}` };
}

// The token is in this page's address: never send it to another site.
export const meta: MetaFunction<typeof loader> = ({ data }) => tokenPageMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseRequest(request, ResetPasswordForm);
  if (!form.ok) return formFailure(form.errors, form.values);
  const result = await resetPassword(form.data);
  // Holding the link proves as much as the password did: this browser is
  // now trusted for the account, past any lockout a stranger caused.
  if (result.ok) return redirect("/sign-in?reset=done", { status: 303, headers: { "Set-Cookie": await deviceCookieFor(result.userId) } });
  if (result.reason === "commonPassword") return formFailure({ password: [message("password.common")] }, {});
  return formFailure({ form: [message("reset.invalid")] }, {}, 400);
}

export default function ResetPassword() {
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useClientValidation(ResetPasswordForm, failure?.errors);

  if (!token) {
    return (
      <section className="narrow">
        <h1>{t("reset.title")}</h1>
        <p>{t("reset.invalid")}</p>
        <p>
          <Link to="/forgot-password">{t("reset.again")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("reset.title")}</h1>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <input type="hidden" name="token" value={token} />
        <NewPasswordField errors={errors} label={t("reset.newPassword")} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("reset.submit")}
        </button>
      </Form>
    </section>
  );
}
