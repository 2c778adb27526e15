import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CertificateFacts } from "~/components/certificate/certificate-view";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { CheckboxField, FormError, isFormFailure, TextAreaField, useClientValidation } from "~/components/ui/form";
import { getCertificateFor, reissueCertificate, revokeCertificate } from "~/models/certificate.server";
import { getPerson } from "~/models/people.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { ReissueCertificateForm, REVOKE_REASON_MAX, REVOKE_REASON_MIN, RevokeCertificateForm } from "~/utils/schemas/certificate-admin";
import { message, parseForm } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

/** What a redirect after an action may ask the page to announce; anything else in ?done= is ignored. */
const notices = ["revoked", "reissued"] as const;

async function requireCertificate(request: Request, publicId: string | undefined) {
  const actor = await requireRole(request, ["admin"]);
  // A malformed id is as unknown as a well-formed one that matches nothing.
  const found = await getCertificateFor({ userId: actor.id, publicId: publicId ?? "", admin: true });
  if (!found) throw new Response("Not found", { status: 404 });
  return { actor, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, row, snapshot, status } = await requireCertificate(request, params.publicId);
  // The name on the profile now, so the admin can see what a reissue would print.
  const holder = row.userId ? await getPerson({ actor, userId: row.userId }) : null;
  const done = new URL(request.url).searchParams.get("done");
  const { t } = await getI18n(request);
  return {
    snapshot,
    status,
    holder: holder ? { id: holder.id, fullName: holder.fullName } : null,
    notice: notices.find((n) => n === done) ?? null,
    title: `${t("admin.certificateTitle", { serial: snapshot.serial })} · ${t("app.name")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, snapshot } = await requireCertificate(request, params.publicId);
  const { publicId } = snapshot;
  const form = await readForm(request);
  const intent = form.get("intent");
  if (intent === "revoke") {
    const parsed = parseForm(RevokeCertificateForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
    const result = await revokeCertificate({ actorId: actor.id, publicId, reason: parsed.data.reason });
    if (result.ok) return redirect(`/admin/certificates/${publicId}?done=revoked`, 303);
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    return formFailure({ form: [message("admin.certificateAlreadyRevoked")] }, parsed.values, 409);
  }
  if (intent === "reissue") {
    const parsed = parseForm(ReissueCertificateForm, form);
    if (!parsed.ok) return formFailure(parsed.errors, parsed.values);
    const result = await reissueCertificate({ actorId: actor.id, publicId });
    if (result.ok) return redirect(`/admin/certificates/${result.publicId}?done=reissued`, 303);
    if (result.error === "notFound") throw new Response("Not found", { status: 404 });
    const refusal = {
      alreadyReplaced: "admin.certificateAlreadyReplaced",
      revoked: "admin.certificateRevokedNoReissue",
      deletedHolder: "admin.certificateDeletedHolderNoReissue",
    } as const;
    return formFailure({ form: [message(refusal[result.error])] }, parsed.values, 409);
  }
  return formFailure({ form: [message("form.invalid")] }, {});
}

export default function Certificate() {
  const { snapshot, status, holder, notice } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const format = useFormat();
  const failure = isFormFailure(data) ? data : undefined;
  const failedIntent = failure?.values?.intent;
  const revoke = useClientValidation(RevokeCertificateForm, failedIntent === "revoke" ? failure?.errors : undefined);
  const reissue = useClientValidation(ReissueCertificateForm, failedIntent === "reissue" ? failure?.errors : undefined);
  const kept = failure?.values ?? {};
  // Revoking a replaced certificate would change nothing anyone sees; reissuing needs a living, unrevoked one.
  const canRevoke = status.state === "valid" || status.state === "expired";
  const canReissue = canRevoke && holder !== null;

  return (
    <section className="narrow">
      <h1>{t("admin.certificateTitle", { serial: snapshot.serial })}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(notice === "revoked" ? "admin.certificateRevokedDone" : "admin.certificateReissuedDone")}
        </p>
      ) : null}
      {/* Refusals of the whole action (already revoked, a forged intent) go here: the form may no longer be shown. */}
      <FormError errors={failure?.errors ?? {}} />

      <h2>{t("admin.status")}</h2>
      <p>
        <strong>{t(`admin.certificateStatus.${status.state}`)}</strong>
        {status.state === "expired" ? <> · {t("admin.certificateExpiredSince", { date: format.date(status.since) })}</> : null}
        {status.state === "revoked" ? <> · {t("admin.certificateRevokedSince", { date: format.date(status.since) })}</> : null}
        {status.state === "replaced" ? (
          <>
            {" "}
            · {t("admin.certificateReplacedSince", { date: format.date(status.since) })}{" "}
            <Link to={`/admin/certificates/${status.byPublicId}`}>{t("admin.certificateReplacement")}</Link>
          </>
        ) : null}
      </p>
      {status.state === "revoked" ? (
        <dl className="details-list">
          <dt>{t("admin.certificateRevokeReason")}</dt>
          <dd className="break">{status.reason}</dd>
        </dl>
      ) : null}
      <p>
        <Link to={`/certificates/${snapshot.publicId}`}>{t("admin.certificatePublicPage")}</Link>
      </p>

      <h2>{t("admin.details")}</h2>
      <p className="muted">{t("admin.certificateSnapshotLead")}</p>
      <CertificateFacts
        snapshot={snapshot}
        holderNote={
          holder ? (
            <>
              {" · "}
              <Link to={`/admin/users/${holder.id}`}>{t("admin.certificateCurrentName", { name: holder.fullName })}</Link>
            </>
          ) : null
        }
        extra={[[t("admin.certificatePublicId"), <code key="id" className="break">{snapshot.publicId}</code>]]}
      />

      {canRevoke ? (
        <>
          <h2>{t("admin.certificateRevokeTitle")}</h2>
          <p>{t("admin.certificateRevokeLead")}</p>
          <Form method="post" noValidate onSubmit={revoke.onSubmit} className="stack">
            <input type="hidden" name="intent" value="revoke" />
            <TextAreaField
              name="reason"
              label={t("admin.certificateRevokeReason")}
              hint={t("admin.certificateRevokeReasonHint", { min: REVOKE_REASON_MIN, max: REVOKE_REASON_MAX })}
              errors={revoke.errors}
              defaultValue={failedIntent === "revoke" ? kept.reason : undefined}
              required
              minLength={REVOKE_REASON_MIN}
              maxLength={REVOKE_REASON_MAX}
              rows={3}
            />
            <CheckboxField
              name="confirm"
              label={t("admin.certificateRevokeConfirm")}
              errors={revoke.errors}
              defaultChecked={failedIntent === "revoke" && kept.confirm === "on"}
            />
            <button type="submit" className="danger">
              {t("admin.certificateRevokeSubmit")}
            </button>
          </Form>
        </>
      ) : null}

      {canReissue ? (
        <>
          <h2>{t("admin.certificateReissueTitle")}</h2>
          <p>{t("admin.certificateReissueLead")}</p>
          <Form method="post" noValidate onSubmit={reissue.onSubmit} className="stack">
            <input type="hidden" name="intent" value="reissue" />
            <CheckboxField
              name="confirm"
              label={t("admin.certificateReissueConfirm")}
              errors={reissue.errors}
              defaultChecked={failedIntent === "reissue" && kept.confirm === "on"}
            />
            <button type="submit">{t("admin.certificateReissueSubmit")}</button>
          </Form>
        </>
      ) : null}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
