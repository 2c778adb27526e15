/**
 * Creating the first admin, from the one-time link that `npm start` prints
 * while the installation has none (models/setup.server.ts).
 */
import { redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { IdentifierField, NewAccountConsents, NewPasswordField } from "~/components/account/account-fields";
import { useT } from "~/components/i18n-provider";
import { FormError, TextField, useClientValidation, type FormFailure } from "~/components/ui/form";
import { createFirstAdmin, isSetupTokenUsable } from "~/models/setup.server";
import { signInHeaders } from "~/utils/auth.server";
import { formFailure, parseRequest } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { SetupForm } from "~/utils/schemas/account";
import { message } from "~/utils/schemas/fields";
import { tokenPageMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const { t } = await getI18n(request);
  const usable = token.length > 0 && token.length <= 200 && (await isSetupTokenUsable(token));
  return { token: usable ? token : null, title: `${t("setup.title")} · ${t("app.name")}` };
}

// The token is in the address: no cache may keep the page, no other site may learn it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });
export const meta: MetaFunction<typeof loader> = ({ data }) => tokenPageMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseRequest(request, SetupForm);
  if (!form.ok) return formFailure(form.errors, form.values);
  const result = await createFirstAdmin(form.data);
  if (result.ok) return redirect("/admin", { headers: await signInHeaders(result.userId, request) });
  switch (result.reason) {
    case "invalidToken":
      return formFailure({ form: [message("setup.invalid")] }, form.values);
    case "duplicate":
      return formFailure({ identifier: [message("setup.duplicate")] }, form.values, 409);
    case "field":
      return formFailure({ [result.problem.field]: [message(result.problem.message)] }, form.values);
  }
}

export default function Setup() {
  const { token } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const navigation = useNavigation();
  const t = useT();
  const { errors, onSubmit } = useClientValidation(SetupForm, failure?.errors);
  const values = failure?.values ?? {};

  if (!token) {
    return (
      <section className="narrow">
        <h1>{t("setup.title")}</h1>
        <FormError errors={errors} />
        <p>{t("setup.unusable")}</p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("setup.title")}</h1>
      <p className="lead">{t("setup.lead")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <input type="hidden" name="token" value={token} />
        <TextField name="fullName" label={t("account.fullName")} autoComplete="name" maxLength={100} required defaultValue={values.fullName} errors={errors} />
        <IdentifierField errors={errors} defaultValue={values.identifier} withHint />
        <NewPasswordField errors={errors} label={t("account.password")} />
        <NewAccountConsents values={values} errors={errors} />
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("setup.submit")}
        </button>
      </Form>
    </section>
  );
}
