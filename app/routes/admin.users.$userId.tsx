import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { FormError, SelectField, TextField, type FormFailure } from "~/components/ui/form";
import { currentPlace, membershipHistory, moveOfficial } from "~/models/membership.server";
import { listCurrentUnits } from "~/models/org.server";
import { changeRole, getPerson, makeResetLink, setDisabled } from "~/models/people.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { formatVietnamesePhone } from "~/utils/phone";
import { MembershipForm, RESET_TOKEN_MINUTES, RoleForm, roles } from "~/utils/schemas/account";
import { message, parseForm } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const person = await getPerson({ actor, userId: params.userId ?? "" });
  if (!person) throw new Response("Not found", { status: 404 });
  const { t } = await getI18n(request);
  const [units, place, history] = await Promise.all([actor.role === "admin" ? listCurrentUnits() : Promise.resolve([]), currentPlace(person.id), membershipHistory(person.id)]);
  return {
    person,
    units,
    place,
    history,
    isAdmin: actor.role === "admin",
    isSelf: actor.id === person.id,
    title: `${person.fullName} · ${t("app.name")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const userId = params.userId ?? "";
  if (!(await getPerson({ actor, userId }))) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "role") {
    const parsed = parseForm(RoleForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, { ...parsed.values, intent });
    const result = await changeRole({ actor, userId, ...parsed.data });
    if (!result.ok) return formFailure({ form: [message(result.message)] }, { intent });
  } else if (intent === "membership") {
    const parsed = parseForm(MembershipForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, { ...parsed.values, intent });
    const result = await moveOfficial({ actor, userId, ...parsed.data });
    if (!result.ok) return formFailure(result.errors, { ...parsed.values, intent });
  } else if (intent === "disable" || intent === "enable") {
    const result = await setDisabled({ actor, userId, disabled: intent === "disable" });
    if (!result.ok) return formFailure({ form: [message(result.message)] }, { intent });
  } else if (intent === "reset-link") {
    const link = await makeResetLink({ actor, userId });
    return json({ resetUrl: link.url });
  } else {
    return formFailure({ form: [message("form.invalid")] }, {});
  }
  return redirect(`/admin/users/${userId}`, 303);
}

export default function Person() {
  const { person, units, place, history, isAdmin, isSelf } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const format = useFormat();
  const failure = data && "errors" in data ? (data as FormFailure) : undefined;
  const errors = failure?.errors ?? {};
  const moving = failure?.values?.intent === "membership";
  const moveValues = moving ? (failure?.values ?? {}) : { unitId: place?.unitId ?? "", position: place?.position ?? "" };

  return (
    <section className="narrow">
      <h1>{person.fullName}</h1>
      <FormError errors={errors} />
      <dl className="details-list">
        <dt>{t("admin.contact")}</dt>
        <dd>{[person.email, person.phone ? formatVietnamesePhone(person.phone) : null].filter(Boolean).join(" · ")}</dd>
        <dt>{t("account.group")}</dt>
        <dd>{t(`account.group.${person.learnerGroup as "resident"}`)}</dd>
        <dt>{t("account.role")}</dt>
        <dd>{t(`role.${person.role as "learner"}`)}</dd>
        {person.unit ? (
          <>
            <dt>{t("account.unit")}</dt>
            <dd>{[person.unit.name, person.position].filter(Boolean).join(" · ")}</dd>
          </>
        ) : null}
        {person.province ? (
          <>
            <dt>{t("account.province")}</dt>
            <dd>{[person.commune, person.province.name].filter(Boolean).join(", ")}</dd>
          </>
        ) : null}
        <dt>{t("account.since")}</dt>
        <dd>{format.date(person.createdAt)}</dd>
        <dt>{t("admin.status")}</dt>
        <dd>{person.disabledAt ? t("admin.disabledSince", { date: format.date(person.disabledAt) }) : t("admin.active")}</dd>
      </dl>

      <h2 id="membership">{t("assign.historyTitle")}</h2>
      {history.length ? (
        <ul className="plain-list">
          {history.map((h) => (
            <li key={h.id}>
              {[h.unit.name, h.position].filter(Boolean).join(" · ")}{" "}
              <span className="muted">
                (
                {h.endedAt
                  ? t("assign.historyBetween", { from: format.date(h.startedAt), to: format.date(h.endedAt) })
                  : t("assign.historySince", { from: format.date(h.startedAt) })}
                )
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("assign.historyNone")}</p>
      )}
      {isAdmin && person.learnerGroup === "official" ? (
        <>
          <h3>{t("assign.membershipTitle")}</h3>
          <p>{t("assign.moveLead")}</p>
          <Form method="post" className="stack" key={moving ? "failed" : "saved"}>
            <input type="hidden" name="intent" value="membership" />
            <SelectField name="unitId" label={t("assign.moveUnit")} defaultValue={moveValues.unitId} errors={moving ? errors : {}} required>
              <option value="">{t("form.choose")}</option>
              {units
                .filter((u) => u.kind !== "team")
                .map((u) => (
                  <option key={u.id} value={u.id}>
                    {"\u00a0\u00a0".repeat(u.depth)}
                    {u.name}
                  </option>
                ))}
            </SelectField>
            <TextField name="position" label={t("assign.movePosition")} maxLength={100} required defaultValue={moveValues.position} errors={moving ? errors : {}} />
            <button type="submit">{t("assign.moveSubmit")}</button>
          </Form>
        </>
      ) : null}

      <h2>{t("admin.resetTitle")}</h2>
      <p>{t("admin.resetLead", { minutes: RESET_TOKEN_MINUTES })}</p>
      {data && "resetUrl" in data ? (
        <p className="notice" role="status">
          {t("admin.resetLinkMade")} <code className="break">{data.resetUrl}</code>
        </p>
      ) : null}
      <Form method="post">
        <input type="hidden" name="intent" value="reset-link" />
        <button type="submit">{t("admin.makeResetLink")}</button>
      </Form>

      {isAdmin && !isSelf ? (
        <>
          <h2>{t("admin.roleTitle")}</h2>
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="role" />
            <SelectField name="role" label={t("account.role")} defaultValue={person.role} errors={errors}>
              {roles.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </SelectField>
            <SelectField name="managedUnitId" label={t("admin.managedUnit")} hint={t("admin.managedUnitHint")} defaultValue={person.managedUnitId} errors={errors}>
              <option value="">{t("form.choose")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {"\u00a0\u00a0".repeat(u.depth)}
                  {u.name}
                </option>
              ))}
            </SelectField>
            <button type="submit">{t("admin.saveRole")}</button>
          </Form>

          <h2>{t("admin.accessTitle")}</h2>
          <Form method="post">
            <input type="hidden" name="intent" value={person.disabledAt ? "enable" : "disable"} />
            <button type="submit" className={person.disabledAt ? undefined : "danger"}>
              {person.disabledAt ? t("admin.enable") : t("admin.disable")}
            </button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
