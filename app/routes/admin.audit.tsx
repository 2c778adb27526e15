import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { listAuditEvents, type AuditAction } from "~/models/audit.server";
import { requireRole } from "~/utils/auth.server";
import type { MessageKey } from "~/utils/i18n";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const url = new URL(request.url);
  const page = pageNumber(url.searchParams);
  const subjectId = url.searchParams.get("user")?.slice(0, 100) || undefined;
  const { t } = await getI18n(request);
  return { ...(await listAuditEvents({ page, subjectId })), page, title: `${t("admin.audit")} · ${t("app.name")}` };
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

export default function Audit() {
  const { events, total, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("admin.audit")}</h1>
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
                  <td>{e.actorId ? <Link to={`/admin/users/${e.actorId}`}>{e.actorId}</Link> : "—"}</td>
                  <td>{e.subjectId ? <Link to={`?user=${e.subjectId}`}>{e.subjectId}</Link> : "—"}</td>
                  <td>
                    <code className="break">{e.details}</code>
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
