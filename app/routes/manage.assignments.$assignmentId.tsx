import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { CheckboxField, FormError, type FormFailure } from "~/components/ui/form";
import { Pager } from "~/components/ui/pager";
import { getAssignment, withdrawAssignment } from "~/models/assignment.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, parseRequest } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { WithdrawForm } from "~/utils/schemas/assignment";
import { message } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

function pageOf(request: Request) {
  const page = Number(new URL(request.url).searchParams.get("page"));
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const assignment = await getAssignment({ actor, assignmentId: params.assignmentId ?? "", page: pageOf(request) });
  const { t } = await getI18n(request);
  return { assignment, title: `${assignment.courseTitle} · ${t("assign.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const assignmentId = params.assignmentId ?? "";
  const form = await parseRequest(request, WithdrawForm);
  // The scope first: a forged post for another unit's assignment learns nothing from a form error.
  if (!form.ok) {
    await getAssignment({ actor, assignmentId });
    return formFailure(form.errors, form.values);
  }
  const result = await withdrawAssignment({ actor, assignmentId });
  if (!result.ok) return formFailure({ form: [message(result.message)] }, form.values, 409);
  return redirect("/manage/assignments?withdrawn=1", 303);
}

/** Due dates as Vietnamese write them, 15/01/2027, like the learner's "hạn 15/01/2027". */
const dayMonthYear = { dateStyle: undefined, day: "2-digit", month: "2-digit", year: "numeric" } as const;

export default function AssignmentDetails() {
  const { assignment: a } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const t = useT();
  const format = useFormat();
  const errors = failure?.errors ?? {};

  return (
    <section>
      <p>
        <Link to="/manage/assignments">{t("assign.back")}</Link>
      </p>
      <h1>{a.courseTitle}</h1>
      <dl className="details-list">
        <dt>{t("assign.colTarget")}</dt>
        <dd>
          {a.unit?.name ?? t("assign.namedPeople")}
          {a.positions?.length ? ` · ${t("assign.onlyPositions", { list: a.positions.join(", ") })}` : ""}
          {a.learnerGroup ? ` · ${t(`account.group.${a.learnerGroup as "official"}`)}` : ""}
        </dd>
        <dt>{t("assign.colDue")}</dt>
        <dd>{a.dueDate ? format.date(a.dueDate, dayMonthYear) : t("assign.dueAfterDays", { days: a.dueDays ?? 0 })}</dd>
        <dt>{t("assign.createdAt")}</dt>
        <dd>{format.date(a.createdAt)}</dd>
        {a.createdBy ? (
          <>
            <dt>{t("assign.createdBy")}</dt>
            <dd>{a.createdBy}</dd>
          </>
        ) : null}
        <dt>{t("assign.colStatus")}</dt>
        <dd>{a.withdrawnAt ? t("assign.withdrawnOn", { date: format.date(a.withdrawnAt) }) : t("assign.active")}</dd>
        <dt>{t("assign.colAssigned")}</dt>
        <dd>{format.number(a.counts.assigned)}</dd>
        <dt>{t("assign.colCompleted")}</dt>
        <dd>{format.number(a.counts.completed)}</dd>
        <dt>{t("assign.colOverdue")}</dt>
        <dd>{format.number(a.counts.overdue)}</dd>
      </dl>

      <h2>{t("assign.peopleTitle")}</h2>
      {a.people.length ? (
        <>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("assign.colPerson")}</th>
                  <th scope="col">{t("assign.colUnit")}</th>
                  <th scope="col">{t("assign.colDue")}</th>
                  <th scope="col">{t("assign.colProgress")}</th>
                </tr>
              </thead>
              <tbody>
                {a.people.map((p) => (
                  <tr key={p.userId}>
                    <td>{p.fullName}</td>
                    <td>{[p.unitName, p.position].filter(Boolean).join(" · ")}</td>
                    <td>
                      {format.date(p.dueAt, dayMonthYear)}
                      {p.overdue ? <strong> · {t("assign.overdue")}</strong> : null}
                    </td>
                    <td>
                      {p.progress === null ? (
                        <span className="muted">{t("assign.notShared")}</span>
                      ) : p.progress.completedAt ? (
                        t("assign.completedOn", { date: format.date(p.progress.completedAt) })
                      ) : (
                        t("assign.lessonsDone", { done: p.progress.lessonsDone, total: a.lessonCount })
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager page={a.page} pages={a.pages} />
        </>
      ) : (
        <p>{t("assign.nobody")}</p>
      )}

      {a.withdrawnAt ? null : (
        <>
          <h2 id="withdraw">{t("assign.withdrawTitle")}</h2>
          <p>{t("assign.withdrawLead")}</p>
          <Form method="post" className="stack">
            <FormError errors={errors} />
            <CheckboxField name="confirm" label={t("assign.withdrawConfirm")} errors={errors} />
            <button type="submit" className="danger">
              {t("assign.withdrawSubmit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
