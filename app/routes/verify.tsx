import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { findPublicCertificate } from "~/models/certificate.server";
import { normaliseShortCode } from "~/utils/certificate-code";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

/**
 * Verify by the short code printed on a certificate. A GET form, so it
 * works without JavaScript and a clerk can bookmark or share the result.
 * A found code goes to the certificate's page; a code that does not exist
 * says only that, whatever exists nearby.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getI18n(request);
  const title = `${t("verify.title")} · ${t("app.name")}`;
  const typed = (new URL(request.url).searchParams.get("code") ?? "").slice(0, 40);
  if (!typed.trim()) return json({ title, typed: "", problem: null });
  const headers = { "X-Robots-Tag": "noindex", "Cache-Control": "no-store" };
  if (!normaliseShortCode(typed)) return json({ title, typed, problem: t("verify.malformed") }, { status: 400, headers });
  const found = await findPublicCertificate({ shortCode: typed });
  if (found === "wait") return json({ title, typed, problem: t("certificate.tooMany") }, { status: 429, headers: { ...headers, "Retry-After": "60" } });
  if (!found) return json({ title, typed, problem: t("verify.notFound") }, { status: 404, headers });
  return redirect(`/certificates/${found.snapshot.publicId}`, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Verify() {
  const { typed, problem } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("verify.title")}</h1>
      <p className="lead">{t("verify.lead")}</p>
      <Form method="get" className="stack">
        {problem ? (
          <div className="form-error" role="alert" id="code-error">
            <p>{problem}</p>
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="code">{t("verify.code")}</label>
          <input
            id="code"
            name="code"
            defaultValue={typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={40}
            inputMode="text"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? "code-error" : undefined}
            required
          />
        </div>
        <button type="submit" className="primary">
          {t("verify.submit")}
        </button>
      </Form>
    </section>
  );
}
