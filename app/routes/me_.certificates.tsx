import { json, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { CertificateFacts, CertificateStatusBanner } from "~/components/certificate/certificate-view";
import { useT } from "~/components/i18n-provider";
import { listMyCertificates, setCertificateVisibility } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import { readForm } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { VisibilityForm } from "~/utils/schemas/certificate.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getI18n(request);
  const certificates = await listMyCertificates({ userId: user.id });
  return {
    title: `${t("mine.title")} · ${t("app.name")}`,
    certificates: certificates.map(({ row, snapshot, status }) => ({ snapshot, status, showUnit: row.showUnit, showScore: row.showScore })),
  };
}

/** The holder's choices of what the public page shows; an unchecked box is absent from the form. */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getI18n(request);
  const form = VisibilityForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!form.success) return json({ error: t("form.invalid") }, { status: 400 });
  const saved = await setCertificateVisibility({ userId: user.id, publicId: form.data.publicId, showUnit: Boolean(form.data.showUnit), showScore: Boolean(form.data.showScore) });
  if (!saved) throw new Response("Not found", { status: 404 });
  return redirect(`/me/certificates?saved=${encodeURIComponent(form.data.publicId)}#c-${form.data.publicId}`, 303);
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function MyCertificates() {
  const { certificates } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const saved = params.get("saved");
  const t = useT();
  return (
    <>
      <h1>{t("mine.title")}</h1>
      <p className="lead">{t("mine.lead")}</p>
      {actionData?.error ? (
        <div className="form-error" role="alert">
          <p>{actionData.error}</p>
        </div>
      ) : null}
      {certificates.length === 0 ? (
        <p>
          {t("mine.none")} <Link to="/courses">{t("notFound.courses")}</Link>
        </p>
      ) : (
        <ul className="stack certificate-list">
          {certificates.map(({ snapshot, status, showUnit, showScore }) => (
            <li key={snapshot.publicId} id={`c-${snapshot.publicId}`} className="card">
              <h2>{snapshot.courseTitle}</h2>
              <CertificateStatusBanner status={status} />
              <CertificateFacts snapshot={snapshot} />
              <p className="actions">
                <a href={`/certificates/${snapshot.publicId}/pdf`} download>
                  {t("certificate.downloadPdf")}
                </a>
                <a href={`/certificates/${snapshot.publicId}/credential`} download>
                  {t("certificate.downloadCredential")}
                </a>
                <Link to={`/certificates/${snapshot.publicId}`}>{t("mine.publicPage")}</Link>
              </p>
              <Form method="post" className="stack">
                <fieldset className="fieldset">
                  <legend>{t("certificate.privacy")}</legend>
                  <input type="hidden" name="publicId" value={snapshot.publicId} />
                  <div className="field-checkbox">
                    <input type="checkbox" id={`unit-${snapshot.publicId}`} name="showUnit" defaultChecked={showUnit} />
                    <label htmlFor={`unit-${snapshot.publicId}`}>{t("certificate.showUnit")}</label>
                  </div>
                  <div className="field-checkbox">
                    <input type="checkbox" id={`score-${snapshot.publicId}`} name="showScore" defaultChecked={showScore} />
                    <label htmlFor={`score-${snapshot.publicId}`}>{t("certificate.showScore")}</label>
                  </div>
                </fieldset>
                <button type="submit">{t("certificate.savePrivacy")}</button>
                {saved === snapshot.publicId ? (
                  <p role="status" className="notice">
                    {t("certificate.privacySaved")}
                  </p>
                ) : null}
              </Form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
