import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { CommunityAuditFacts } from "~/components/manage/community-parts";
import { Pager } from "~/components/ui/pager";
import { isAuditAction, listAuditEvents, type AuditAction } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import type { MessageKey } from "~/utils/i18n";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

/** Ids are cuids; anything else names nobody, and is not sent to the database. */
const PERSON = /^[\w-]{1,64}$/;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const page = pageNumber(url.searchParams);
  const userParam = url.searchParams.get("user") ?? "";
  const person = PERSON.test(userParam) ? userParam : null;
  const actionParam = url.searchParams.get("action") ?? "";
  const query = (url.searchParams.get("q") ?? "").slice(0, 200);
  const { t } = await getI18n(request);
  const title = `${t("admin.audit")} · ${t("app.name")}`;
  const filters = { action: actionParam.slice(0, 100), query, user: person ?? "" };
  // An unknown kind of change: said on the page, with the filters kept, rather than showing everything.
  if (actionParam && !isAuditAction(actionParam)) {
    const none: Awaited<ReturnType<typeof listAuditEvents>> = { events: [], total: 0, pages: 1, person: null };
    return json({ ...none, page: 1, title, filters, error: "community.audit.errorAction" as MessageKey }, { status: 400 });
  }
  const result = await listAuditEvents({ page, action: actionParam ? (actionParam as AuditAction) : null, person, query });
  return json({ ...result, page, title, filters, error: null });
}

// Typed against every action, so a new one cannot reach the log without a label.
const actionLabels: Record<AuditAction, MessageKey> = {
  "account.created": "admin.auditAction.account.created",
  "account.deleted": "admin.auditAction.account.deleted",
  "account.disabled": "admin.auditAction.account.disabled",
  "account.enabled": "admin.auditAction.account.enabled",
  "account.profileChanged": "admin.auditAction.account.profileChanged",
  "role.changed": "admin.auditAction.role.changed",
  "consent.changed": "admin.auditAction.consent.changed",
  "password.changed": "admin.auditAction.password.changed",
  "password.reset": "admin.auditAction.password.reset",
  "password.resetLinkCreated": "admin.auditAction.password.resetLinkCreated",
  "sessions.ended": "admin.auditAction.sessions.ended",
  "certificate.issued": "admin.auditAction.certificate.issued",
  "certificate.revoked": "admin.auditAction.certificate.revoked",
  "certificate.reissued": "admin.auditAction.certificate.reissued",
  "unit.imported": "admin.auditAction.unit.imported",
  "unit.changed": "admin.auditAction.unit.changed",
  "membership.changed": "admin.auditAction.membership.changed",
  "assignment.created": "admin.auditAction.assignment.created",
  "assignment.withdrawn": "admin.auditAction.assignment.withdrawn",
};

function labelOf(action: string): MessageKey | null {
  return Object.hasOwn(actionLabels, action) ? actionLabels[action as AuditAction] : null;
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

/** A person named in the log: their name, linked to the log filtered to them; a deleted account says so. */
function Person({ person }: { person: { id: string; name: string | null } | null }) {
  const t = useT();
  if (!person) return <>{t("community.audit.system")}</>;
  if (!person.name) return <span className="muted">{t("community.audit.deletedAccount")}</span>;
  return (
    <Link to={`?user=${encodeURIComponent(person.id)}`} aria-label={t("community.audit.filterBy", { name: person.name })}>
      {person.name}
    </Link>
  );
}

export default function Audit() {
  const { events, total, page, pages, person, filters, error } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("admin.audit")}</h1>
      <Form method="get" className="filters" aria-label={t("community.audit.filters")}>
        {filters.user ? <input type="hidden" name="user" value={filters.user} /> : null}
        <div className="field">
          <label htmlFor="audit-action">{t("community.audit.filterAction")}</label>
          <select id="audit-action" name="action" defaultValue={filters.action} aria-invalid={error ? true : undefined} aria-describedby={error ? "audit-action-error" : undefined}>
            <option value="">{t("community.audit.allActions")}</option>
            {/* From the labels, not the model: a .server module does not reach the browser. */}
            {(Object.keys(actionLabels) as AuditAction[]).map((a) => (
              <option key={a} value={a}>
                {t(actionLabels[a])}
              </option>
            ))}
          </select>
          {error ? (
            <ul id="audit-action-error" className="field-errors">
              <li>{t(error)}</li>
            </ul>
          ) : null}
        </div>
        <div className="field field-wide">
          <label htmlFor="audit-q">{t("community.audit.filterPerson")}</label>
          <input id="audit-q" name="q" type="search" defaultValue={filters.query} maxLength={200} autoComplete="off" spellCheck={false} />
        </div>
        <div className="field field-actions">
          <button type="submit" className="primary">
            {t("community.audit.submit")}
          </button>
        </div>
      </Form>
      {person ? (
        <p>
          {t("community.audit.person", { name: person.name ?? t("community.audit.deletedAccount") })} <Link to="?">{t("community.audit.clearPerson")}</Link>
        </p>
      ) : null}
      <p role="status">{t("admin.auditCount", { count: total })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.when")}</th>
              <th scope="col">{t("admin.action")}</th>
              <th scope="col">{t("admin.actor")}</th>
              <th scope="col">{t("admin.subject")}</th>
              <th scope="col">{t("admin.details")}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const label = labelOf(e.action);
              return (
                <tr key={e.id}>
                  <td>{format.date(e.at, { dateStyle: "short", timeStyle: "medium" })}</td>
                  <td>
                    {/* The label for people; the code for searching the logs and the database. */}
                    {label ? <div>{t(label)}</div> : null}
                    <code className="muted">{e.action}</code>
                  </td>
                  <td>
                    <Person person={e.actor} />
                  </td>
                  <td>{e.subject ? <Person person={e.subject} /> : "—"}</td>
                  <td>
                    <CommunityAuditFacts facts={e.facts} />
                    {e.raw !== "{}" ? (
                      <details>
                        <summary>{t("community.audit.raw")}</summary>
                        <code className="break">{e.raw}</code>
                      </details>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager page={page} pages={pages} />
    </>
  );
}
