import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { FormError, TextField, useClientValidation, type FormFailure } from "~/components/ui/form";
import { deleteAccount } from "~/models/user.server";
import { endSession, forgetDevice, requireUser } from "~/utils/auth.server";
import { formFailure, parseRequest } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { DeleteAccountForm } from "~/utils/schemas/account";
import { message } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const { t } = await getI18n(request);
  return { title: `${t("delete.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await parseRequest(request, DeleteAccountForm);
  if (!form.ok) return formFailure(form.errors, {});
  const result = await deleteAccount(user.id, form.data.currentPassword);
  if (!result.ok) return formFailure({ [result.problem.field]: [message(result.problem.message)] }, {});
  const headers = new Headers({ "Set-Cookie": await endSession(request) });
  const device = await forgetDevice(request, user.id);
  if (device) headers.append("Set-Cookie", device);
  return redirect("/account/deleted", { status: 303, headers });
}

export default function DeleteAccount() {
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const { errors, onSubmit } = useClientValidation(DeleteAccountForm, failure?.errors);
  return (
    <section className="narrow">
      <h1>{t("delete.title")}</h1>
      <p>{t("delete.lead")}</p>
      <p>{t("delete.certificates")}</p>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack">
        <FormError errors={errors} />
        <TextField name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" required errors={errors} />
        <button type="submit" className="danger">
          {t("delete.submit")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("delete.cancel")}</Link>
      </p>
    </section>
  );
}
