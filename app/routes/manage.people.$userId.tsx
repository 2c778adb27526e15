import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { personForManager } from "~/models/report.server";
import { parseYear, personTrainingRecord } from "~/models/training-record.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

/**
 * One person, for a manager whose scope holds them (or an admin): their
 * courses, progress, certificates and this year's hours, and only if they
 * consented to share their learning with their unit.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const found = await personForManager({ actor, userId: params.userId ?? "" });
  const { t } = await getI18n(request);
  const { year } = parseYear(null);
  const record = found.shared && found.current ? await personTrainingRecord({ userId: found.person.id, year }) : null;
  return { ...found, record, year, title: `${t("report.personTitle", { name: found.person.fullName })} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function Person() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  const { person } = data;
  return (
    <>
      <h1>{t("report.personTitle", { name: person.fullName })}</h1>
      <p className="muted">{[person.position, person.unitName].filter(Boolean).join(" · ")}</p>
      {!data.shared ? (
        <p role="status">{t("report.personNotShared")}</p>
      ) : (
        <>
          {data.record ? (
            <p>
              {t("report.personHours", { year: String(data.year), hours: data.record.hours, periods: data.record.periods })}
              {data.record.targetHours !== null ? ` · ${t("report.personTarget", { target: data.record.targetHours })}` : null}
            </p>
          ) : null}
          <h2>{t("report.personCourses")}</h2>
          {data.courses.length === 0 ? (
            <p>{t("report.personNoCourses")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t("report.course")}</th>
                    <th scope="col">{t("report.due")}</th>
                    <th scope="col">{t("report.state")}</th>
                    <th scope="col">{t("report.hours")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.courses.map((c) => (
                    <tr key={c.slug}>
                      <th scope="row">{c.title}</th>
                      <td>{c.dueAt ? t("report.personRequired", { date: format.date(c.dueAt) }) : t("report.personOptional")}</td>
                      <td>
                        {c.completedAt
                          ? `${t("report.state.completed")} (${format.date(c.completedAt)})`
                          : `${c.overdue ? `${t("report.state.overdue")} · ` : ""}${t("report.personProgress", { done: c.lessonsDone, total: c.lessons })}`}
                      </td>
                      <td>{format.number(c.hours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t("report.personCertificates")}</h2>
          {data.certificates.length === 0 ? (
            <p>{t("report.personNoCertificates")}</p>
          ) : (
            <ul>
              {data.certificates.map((c) => (
                <li key={c.serial}>
                  {c.courseTitle} · {t("report.serial")} {c.serial} · {t("report.issuedAt")} {format.date(c.issuedAt)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </>
  );
}
