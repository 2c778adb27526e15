import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ProfileFields } from "~/components/account/profile-fields";
import { useFormat, useT } from "~/components/i18n-provider";
import { ConsentFields, NewPasswordField } from "~/components/account/account-fields";
import { FormError, TextField, useClientValidation, type FormFailure } from "~/components/ui/form";
import { membershipOptions } from "~/models/membership.server";
import { changePassword, getAccount, setConsents, updateProfile } from "~/models/user.server";
import { getSession, listSessions, requireUser, startSession } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { formatVietnamesePhone } from "~/utils/phone";
import { ChangePasswordForm, ConsentForm, consentPurposes, ProfileForm, requiredConsent } from "~/utils/schemas/account";
import { message, parseForm } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getI18n(request);
  const [account, sessions, current] = await Promise.all([getAccount(user.id), listSessions(user.id), getSession(request)]);
  if (!account) throw redirect("/sign-in");
  const options = await membershipOptions({ provinceCode: account.provinceCode, currentUnitId: account.unitId });
  const saved = new URL(request.url).searchParams.get("saved");
  return {
    account,
    sessions: sessions.map((s) => ({ createdAt: s.createdAt, userAgent: s.userAgent, current: s.id === current?.sessionId })),
    options,
    saved,
    title: `${t("account.title")} · ${t("app.name")}`,
  };
}

/** The required consent is not offered here: withdrawing it means deleting the account. */
const optionalConsents = consentPurposes.filter((p) => p !== requiredConsent);

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

/** One page, several small forms; "intent" says which was sent. Each answers with its own errors. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "profile") {
    const parsed = parseForm(ProfileForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, { ...parsed.values, intent });
    const result = await updateProfile(user.id, parsed.data);
    if (!result.ok) return formFailure({ [result.problem.field]: [message(result.problem.message)] }, { ...parsed.values, intent });
    return redirect("/account?saved=profile", 303);
  }
  if (intent === "consents") {
    const parsed = parseForm(ConsentForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, { intent });
    await setConsents(user.id, { "share-with-unit": parsed.data.consentShareWithUnit, statistics: parsed.data.consentStatistics });
    return redirect("/account?saved=consents#consents", 303);
  }
  if (intent === "password") {
    const parsed = parseForm(ChangePasswordForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, { intent });
    const result = await changePassword(user.id, parsed.data);
    if (!result.ok) return formFailure({ [result.problem.field]: [message(result.problem.message)] }, { intent });
    // Every session ended with the old password; this device stays signed in with a new one.
    const cookie = await startSession(user.id, request);
    return redirect("/account?saved=password#password", { status: 303, headers: { "Set-Cookie": cookie } });
  }
  return json({ errors: { form: [message("form.invalid")] }, values: {} }, { status: 400 });
}

export default function Account() {
  const { account, sessions, options, saved } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const format = useFormat();
  const failed = failure?.values?.intent;
  const profile = useClientValidation(ProfileForm, failed === "profile" ? failure?.errors : undefined);
  const password = useClientValidation(ChangePasswordForm, failed === "password" ? failure?.errors : undefined);
  // A resident's unit is the team they chose: the form shows it in the team's field.
  const profileValues =
    failed === "profile"
      ? (failure?.values ?? {})
      : account.learnerGroup === "resident"
        ? { ...account, unitId: null, teamId: account.unitId }
        : account;

  return (
    <section className="narrow">
      <h1>{t("account.title")}</h1>
      {saved ? (
        <p className="notice" role="status">
          {t("account.saved")}
        </p>
      ) : null}
      <dl className="details-list">
        {account.email ? (
          <>
            <dt>{t("account.email")}</dt>
            <dd>{account.email}</dd>
          </>
        ) : null}
        {account.phone ? (
          <>
            <dt>{t("account.phone")}</dt>
            <dd>{formatVietnamesePhone(account.phone)}</dd>
          </>
        ) : null}
        <dt>{t("account.role")}</dt>
        <dd>{t(`role.${account.role as "learner"}`)}</dd>
        <dt>{t("account.since")}</dt>
        <dd>{format.date(account.createdAt)}</dd>
      </dl>

      <h2 id="profile">{t("account.profile")}</h2>
      <Form method="post" noValidate onSubmit={profile.onSubmit} className="stack">
        <input type="hidden" name="intent" value="profile" />
        <FormError errors={profile.errors} />
        <ProfileFields options={options} values={profileValues} errors={profile.errors} />
        <button type="submit" className="primary">
          {t("account.saveProfile")}
        </button>
      </Form>

      <h2 id="consents">{t("consent.legend")}</h2>
      <Form method="post" className="stack">
        <input type="hidden" name="intent" value="consents" />
        <p>{t("consent.requiredKept")}</p>
        <ConsentFields purposes={optionalConsents} checked={(purpose) => account.consent[purpose]} />
        <button type="submit">{t("account.saveConsents")}</button>
      </Form>

      <h2 id="password">{t("account.changePassword")}</h2>
      <Form method="post" noValidate onSubmit={password.onSubmit} className="stack">
        <input type="hidden" name="intent" value="password" />
        <FormError errors={password.errors} />
        <TextField name="currentPassword" type="password" label={t("account.currentPassword")} autoComplete="current-password" required errors={password.errors} />
        <NewPasswordField errors={password.errors} label={t("reset.newPassword")} />
        <p className="field-hint">{t("account.passwordEndsSessions")}</p>
        <button type="submit">{t("account.changePassword")}</button>
      </Form>

      <h2 id="sessions">{t("account.sessions")}</h2>
      <ul className="plain-list">
        {sessions.map((s) => (
          <li key={String(s.createdAt)}>
            {t("account.sessionSince", { date: format.date(s.createdAt, { dateStyle: "medium", timeStyle: "short" }) })}
            {s.userAgent ? <span className="muted"> · {s.userAgent.slice(0, 80)}</span> : null}
            {s.current ? <strong> · {t("account.thisDevice")}</strong> : null}
          </li>
        ))}
      </ul>
      <Form method="post" action="/sign-out">
        <input type="hidden" name="everywhere" value="on" />
        <button type="submit">{t("account.signOutEverywhere")}</button>
      </Form>

      <h2 id="data">{t("account.yourData")}</h2>
      <p>{t("account.yourDataLead")}</p>
      <p className="actions">
        <a href="/account/data.json" download>
          {t("account.download")}
        </a>
        <Link to="/account/delete">{t("account.delete")}</Link>
      </p>
    </section>
  );
}
