import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { IdentifierField } from "~/components/account/account-fields";
import { FormError, useClientValidation, type FormFailure } from "~/components/ui/form";
import { requestPasswordReset } from "~/models/password-reset.server";
import { formFailure, parseRequest, waitMessage } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { ForgotPasswordForm, RESET_TOKEN_MINUTES } from "~/utils/schemas/account";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getI18n(request);
  return { title: `${t("forgot.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseRequest(request, ForgotPasswordForm);
  if (!form.ok) return formFailure(form.errors, form.values);
  const { t } = await getI18n(request);
  const result = await requestPasswordReset(form.data.identifier, (url) => ({
    subject: t("mail.reset.subject"),
    body: t("mail.reset.body", { url, minutes: RESET_TOKEN_MINUTES }),
  }));
  if (!result.ok) return formFailure({ form: [waitMessage(result.waitMs)] }, form.values, 429);
  // The same answer whether or not the account exists.
  return json({ sent: true as const, identifier: form.values.identifier ?? "" });
}

export default function ForgotPassword() {
  const data = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const failure = data && "errors" in data ? (data as FormFailure) : undefined;
  const { errors, onSubmit } = useClientValidation(ForgotPasswordForm, failure?.errors);

  if (data && "sent" in data) {
    return (
      <section className="narrow">
        <h1>{t("forgot.title")}</h1>
        <p role="status">{t("forgot.sent", { identifier: data.identifier, minutes: RESET_TOKEN_MINUTES })}</p>
        <p>{t("forgot.noEmail")}</p>
        <p>
          <Link to="/sign-in">{t("signIn.title")}</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("forgot.title")}</h1>
      <p className="lead">{t("forgot.lead")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <IdentifierField errors={errors} defaultValue={failure?.values?.identifier} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("forgot.submit")}
        </button>
      </Form>
      <p>{t("forgot.noEmail")}</p>
    </section>
  );
}
