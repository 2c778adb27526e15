import {
  MaxPartSizeExceededError,
  redirect,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { CheckboxField, FormError, isFormFailure } from "~/components/ui/form";
import { applyImport, dryRun, getImport, type ImportReport } from "~/models/unit-import.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { env } from "~/utils/env.server";
import { getI18n } from "~/utils/i18n.server";
import { message, parseMessage } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";
import { importChanges, MAX_UPLOAD_BYTES, unitCsvColumns } from "~/utils/units";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin"]);
  const id = new URL(request.url).searchParams.get("id");
  const stored = id ? await getImport({ actor, importId: id.slice(0, 100) }) : null;
  if (id && !stored) throw new Response("Not found", { status: 404 });
  const { t } = await getI18n(request);
  return { stored, maxMegabytes: Math.floor((uploadLimit() / 1024 / 1024) * 10) / 10, title: `${t("units.import.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

// The multipart framing and the form's other fields take a few hundred bytes.
const FRAMING = 16 * 1024;

/**
 * The largest file accepted: the import's own limit, or less when the server
 * takes smaller bodies (MAX_BODY_BYTES, which refuses larger ones with a 413
 * page of its own before any route runs).
 */
function uploadLimit() {
  return Math.min(MAX_UPLOAD_BYTES, env().MAX_BODY_BYTES - FRAMING);
}

const tooLarge = () => formFailure({ file: [message("units.import.tooLarge", { max: Math.floor((uploadLimit() / 1024 / 1024) * 10) / 10 })] }, {}, 413);

/** The upload: the file is read into memory up to the limit, and refused past it, before anything else. */
async function readUpload(request: Request) {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > uploadLimit() + FRAMING) return { refused: tooLarge() };
  try {
    const form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: uploadLimit() }));
    return { form };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { refused: tooLarge() };
    return { refused: formFailure({ form: [message("form.invalid")] }, {}) };
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["admin"]);
  const multipart = /^multipart\/form-data\b/i.test(request.headers.get("Content-Type") ?? "");
  const upload = multipart ? await readUpload(request) : undefined;
  if (upload?.refused) return upload.refused;
  const form = upload?.form ?? (await readForm(request));
  const intent = form.get("intent");

  if (intent === "upload") {
    const file = form.get("file");
    if (!file || typeof file === "string" || file.size === 0) return formFailure({ file: [message("units.import.noFile")] }, {});
    const result = await dryRun({ actor, fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    if (!result.ok) return formFailure({ file: [result.message] }, {}, 422);
    return redirect(`/admin/units/import?id=${result.importId}`, 303);
  }
  if (intent === "apply") {
    const importId = form.get("importId");
    if (typeof importId !== "string" || !importId) return formFailure({ form: [message("form.invalid")] }, {});
    const result = await applyImport({ actor, importId: importId.slice(0, 100), skipRejected: form.get("skipRejected") === "on" });
    if (!result.ok) return formFailure({ form: [result.message] }, {}, result.status);
    return redirect(`/admin/units/import?id=${importId}&applied=1`, 303);
  }
  return formFailure({ form: [message("form.invalid")] }, {});
}

function Report({ report }: { report: ImportReport }) {
  const t = useT();
  const say = (text: string) => {
    const { key, params } = parseMessage(text);
    return t(key, params);
  };
  return (
    <>
      <p>{t("units.import.rows", { count: report.rows })}</p>
      <dl className="details-list">
        {[...importChanges, "rejected" as const].map((change) => (
          <div key={change}>
            <dt>{t(`units.import.change.${change}`)}</dt>
            <dd>{report.counts[change]}</dd>
          </div>
        ))}
      </dl>
      {report.rejected.length ? (
        <>
          <h3>{t("units.import.rejectedTitle")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("units.import.line")}</th>
                  <th scope="col">{t("units.id")}</th>
                  <th scope="col">{t("units.import.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {report.rejected.map((r) => (
                  <tr key={r.line}>
                    <td>{r.line}</td>
                    <td>
                      <code>{r.id}</code>
                    </td>
                    <td>{say(r.message)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {report.entries.length ? (
        <>
          <h3>{t("units.import.changesTitle")}</h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("units.import.line")}</th>
                  <th scope="col">{t("units.name")}</th>
                  <th scope="col">{t("units.import.what")}</th>
                </tr>
              </thead>
              <tbody>
                {report.entries.map((e) => (
                  <tr key={e.line}>
                    <td>{e.line}</td>
                    <td>
                      {e.name} <code>{e.id}</code>
                    </td>
                    <td>
                      {e.changes.map((c) => t(`units.import.change.${c}`)).join(", ")}
                      {e.changes.includes("renamed") && e.before?.name ? <div>{t("units.import.renamedFrom", { name: e.before.name })}</div> : null}
                      {e.changes.includes("moved") ? (
                        <div>{t("units.import.movedFrom", { from: e.before?.parentName ?? t("units.root"), to: e.after.parentName ?? t("units.root") })}</div>
                      ) : null}
                      {e.changes.includes("added") ? <div>{t("units.import.placedUnder", { to: e.after.parentName ?? t("units.root") })}</div> : null}
                      {e.after.validTo && e.changes.includes("ended") ? <div>{t("units.import.endedOn", { date: e.after.validTo })}</div> : null}
                      {e.after.successorName && e.changes.includes("ended") ? <div>{t("units.import.mergedInto", { name: e.after.successorName })}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </>
  );
}

export default function UnitImportPage() {
  const { stored, maxMegabytes } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const failure = isFormFailure(data) ? data : undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormat();
  const busy = navigation.state === "submitting";
  return (
    <section>
      <p>
        <Link to="/admin/units">{t("units.title")}</Link>
      </p>
      <h1>{t("units.import.title")}</h1>
      {stored ? (
        <>
          <h2>{t("units.import.reportTitle", { file: stored.fileName })}</h2>
          {searchParams.get("applied") === "1" && stored.appliedAt ? (
            <p className="notice" role="status">
              {t("units.import.applied")}
            </p>
          ) : null}
          <FormError errors={failure?.errors ?? {}} />
          <Report report={stored.report} />
          {stored.appliedAt ? (
            <p>{t("units.import.appliedAt", { date: format.date(stored.appliedAt, { dateStyle: "short", timeStyle: "short" }) })}</p>
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="importId" value={stored.id} />
              {stored.report.counts.rejected > 0 ? (
                <CheckboxField name="skipRejected" label={t("units.import.skipRejected", { count: stored.report.counts.rejected })} hint={t("units.import.applyHint")} />
              ) : null}
              <button type="submit" className="primary" disabled={busy}>
                {t("units.import.apply")}
              </button>
            </Form>
          )}
          <hr />
        </>
      ) : null}
      <p>{t("units.import.lead")}</p>
      <Form method="post" encType="multipart/form-data" className="stack">
        {stored ? null : <FormError errors={failure?.errors ?? {}} />}
        <input type="hidden" name="intent" value="upload" />
        <div className="field">
          <label htmlFor="file">{t("units.import.file")}</label>
          <p id="file-hint" className="field-hint">
            {t("units.import.fileHint", { max: maxMegabytes, columns: unitCsvColumns.join(",") })}{" "}
          </p>
          <input
            id="file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-describedby={failure?.errors.file ? "file-hint file-errors" : "file-hint"}
            aria-invalid={failure?.errors.file ? true : undefined}
          />
          {failure?.errors.file ? (
            <ul id="file-errors" className="field-errors">
              {failure.errors.file.map((e) => {
                const { key, params } = parseMessage(e);
                return <li key={e}>{t(key, params)}</li>;
              })}
            </ul>
          ) : null}
        </div>
        <button type="submit" disabled={busy}>
          {t("units.import.check")}
        </button>
      </Form>
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
