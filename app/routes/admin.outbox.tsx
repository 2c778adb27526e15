import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { listOutbox } from "~/utils/mail.server";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, ["admin"]);
  const page = pageNumber(new URL(request.url).searchParams);
  const { t } = await getI18n(request);
  return { ...(await listOutbox({ page })), page, title: `${t("admin.outbox")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Outbox() {
  const { messages, total, page, pages } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("admin.outbox")}</h1>
      <p>{t("admin.outboxLead")}</p>
      <p role="status">{t("admin.outboxCount", { count: total })}</p>
      {messages.map((m) => (
        <article key={m.id} className="card outbox-message">
          <h2>{m.subject}</h2>
          <p className="muted">
            {t(m.channel === "sms" ? "admin.viaSms" : "admin.viaEmail")} · {m.to} · {format.date(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
          </p>
          <pre className="break">{m.body}</pre>
        </article>
      ))}
      <Pager page={page} pages={pages} />
    </>
  );
}
