import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { FormError, TextField, isFormFailure } from "~/components/ui/form";
import { getUnit, setTargetHours } from "~/models/units.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { message } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";
import { TARGET_HOURS_MAX, unitKindNames } from "~/utils/units";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin"]);
  const unit = await getUnit({ actor, unitId: params.unitId ?? "" });
  if (!unit) throw new Response("Not found", { status: 404 });
  const { t } = await getI18n(request);
  return { unit, title: `${unit.name} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["admin"]);
  const unitId = params.unitId ?? "";
  if (!(await getUnit({ actor, unitId }))) throw new Response("Not found", { status: 404 });
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "inherit") {
    await setTargetHours({ actor, unitId, targetHours: null });
  } else if (intent === "target") {
    const raw = form.get("targetHours");
    const text = typeof raw === "string" ? raw.trim() : "";
    // Digits only: "1e3", "-1" or "40.5" are not a number of hours someone meant.
    if (!/^\d{1,4}$/.test(text) || Number(text) > TARGET_HOURS_MAX) {
      return formFailure({ targetHours: [message("units.targetInvalid", { max: TARGET_HOURS_MAX })] }, { targetHours: text.slice(0, 20) });
    }
    await setTargetHours({ actor, unitId, targetHours: Number(text) });
  } else {
    return formFailure({ form: [message("form.invalid")] }, {});
  }
  return redirect(`/admin/units/${unitId}?saved=1`, 303);
}

export default function UnitPage() {
  const { unit } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const failure = isFormFailure(data) ? data : undefined;
  const [searchParams] = useSearchParams();
  const t = useT();
  const format = useFormat();
  const kind = unitKindNames.find((k) => k === unit.kind) ?? "agency";
  const link = (u: { id: string; name: string }) => <Link to={`/admin/units/${u.id}`}>{u.name}</Link>;
  return (
    <section className="narrow">
      <p>
        <Link to="/admin/units">{t("units.title")}</Link>
      </p>
      <h1>{unit.name}</h1>
      {searchParams.get("saved") === "1" && !failure ? (
        <p className="notice" role="status">
          {t("units.targetSaved")}
        </p>
      ) : null}
      <dl className="details-list">
        <dt>{t("units.id")}</dt>
        <dd>
          <code>{unit.id}</code>
        </dd>
        <dt>{t("units.code")}</dt>
        <dd>{unit.code ?? "—"}</dd>
        <dt>{t("units.kind")}</dt>
        <dd>{t(`units.kind.${kind}`)}</dd>
        {unit.province ? (
          <>
            <dt>{t("units.province")}</dt>
            <dd>{unit.province.name}</dd>
          </>
        ) : null}
        <dt>{t("units.parentChain")}</dt>
        <dd>
          {unit.ancestors.length ? (
            <ol className="breadcrumbs">
              {unit.ancestors.map((a) => (
                <li key={a.id}>{link(a)}</li>
              ))}
            </ol>
          ) : (
            t("units.root")
          )}
        </dd>
        <dt>{t("units.validity")}</dt>
        <dd>
          {unit.validFrom ? `${t("units.validFrom")} ${format.date(unit.validFrom)} · ` : ""}
          {unit.validTo ? t("units.ended", { date: format.date(unit.validTo) }) : t("units.inForce")}
        </dd>
        {unit.successor ? (
          <>
            <dt>{t("units.successor")}</dt>
            <dd>{link(unit.successor)}</dd>
          </>
        ) : null}
        {unit.predecessors.length ? (
          <>
            <dt>{t("units.predecessors")}</dt>
            <dd>
              <ul>
                {unit.predecessors.map((p) => (
                  <li key={p.id}>{link(p)}</li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>{t("units.target")}</dt>
        <dd>
          {unit.targetHours !== null
            ? t("units.targetOwn", { hours: unit.targetHours })
            : unit.inheritedTarget
              ? t("units.targetInherited", { hours: unit.inheritedTarget.hours, unit: unit.inheritedTarget.from })
              : t("units.targetNone")}
        </dd>
      </dl>

      <h2>{t("units.target")}</h2>
      <Form method="post" className="stack">
        <FormError errors={failure?.errors ?? {}} />
        <input type="hidden" name="intent" value="target" />
        <TextField
          name="targetHours"
          label={t("units.targetHours")}
          hint={t("units.targetHint", { max: TARGET_HOURS_MAX })}
          errors={failure?.errors}
          defaultValue={failure?.values?.targetHours ?? (unit.targetHours === null ? "" : String(unit.targetHours))}
          inputMode="numeric"
          pattern="[0-9]*"
          maxLength={4}
          required
        />
        <button type="submit">{t("units.saveTarget")}</button>
      </Form>
      {unit.targetHours !== null ? (
        <Form method="post">
          <input type="hidden" name="intent" value="inherit" />
          <button type="submit">{t("units.inheritTarget")}</button>
        </Form>
      ) : null}

      <h2>{t("units.children")}</h2>
      {unit.children.length ? (
        <ul>
          {unit.children.map((c) => (
            <li key={c.id}>
              {link(c)}
              {c.code ? ` (${c.code})` : ""}
              {c.validTo ? ` · ${t("units.ended", { date: format.date(c.validTo) })}` : ""}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t("units.noChildren")}</p>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
