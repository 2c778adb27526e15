import { json, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CertificateFacts, CertificateStatusBanner } from "~/components/certificate/certificate-view";
import { useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { findPublicCertificate } from "~/models/certificate.server";
import { getUser } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

/** Search engines stay out, and a page that can turn "revoked" is never served from a cache without asking. */
const pageHeaders = { "X-Robots-Tag": "noindex", "Cache-Control": "no-cache" };

/** The public verification page: anyone, no account, no JavaScript needed. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { t } = await getI18n(request);
  const user = await getUser(request);
  const found = await findPublicCertificate({ publicId: params.publicId ?? "", viewerId: user?.id });
  if (found === "wait") throw json({ message: t("certificate.tooMany") }, { status: 429, headers: { ...pageHeaders, "Retry-After": "60" } });
  if (!found) throw new Response("Not found", { status: 404, headers: pageHeaders });
  return json({ ...found, title: `${t("certificate.title", { serial: found.snapshot.serial })} · ${t("app.name")}` }, { headers: pageHeaders });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);
export const headers: HeadersFunction = ({ loaderHeaders, errorHeaders }) => errorHeaders ?? loaderHeaders;

export default function CertificatePage() {
  const { snapshot, status, viewerIsHolder } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="narrow certificate-page">
      <h1>{t("certificate.heading")}</h1>
      <CertificateStatusBanner status={status} />
      <CertificateFacts snapshot={snapshot} />
      {viewerIsHolder ? (
        <p className="actions">
          <Link to="/me/certificates">{t("mine.title")}</Link>
        </p>
      ) : null}
    </article>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
