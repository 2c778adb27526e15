import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { ErrorPage } from "~/components/layout/error-page";
import { SelectField, TextAreaField, TextField, useClientValidation, type FormFailure } from "~/components/ui/form";
import { assignableUnits, createAssignment, listAssignments } from "~/models/assignment.server";
import { listCourses } from "~/models/course.server";
import { requireRole } from "~/utils/auth.server";
import { formFailure, parseRequest } from "~/utils/forms.server";
import { getI18n } from "~/utils/i18n.server";
import { vietnamDay } from "~/utils/i18n";
import { AssignmentForm, assignmentRequest } from "~/utils/schemas/assignment";
import { parseMessage } from "~/utils/schemas/fields";
import { privateMeta } from "~/utils/seo";

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const { t } = await getI18n(request);
  const [assignments, units] = await Promise.all([listAssignments({ actor }), assignableUnits(actor)]);
  return {
    assignments,
    units: units.map(({ id, name, depth }) => ({ id, name, depth })),
    courses: listCourses().map(({ slug, title }) => ({ slug, title })),
    today: vietnamDay(new Date()),
    title: `${t("assign.title")} · ${t("app.name")}`,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const form = await parseRequest(request, AssignmentForm);
  if (!form.ok) return formFailure(form.errors, form.values);
  // A unit outside the scope is thrown as a 403 by the model: a forged post gets no form to retry.
  const result = await createAssignment({ actor, ...assignmentRequest(form.data) });
  if (!result.ok) return formFailure(result.errors, form.values);
  return redirect(`/manage/assignments?created=${result.assigned}`, 303);
}

/** Due dates as Vietnamese write them, 15/01/2027, like the learner's "hạn 15/01/2027". */
const dayMonthYear = { dateStyle: undefined, day: "2-digit", month: "2-digit", year: "numeric" } as const;

export default function Assignments() {
  const { assignments, units, courses, today } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>() as FormFailure | undefined;
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  const t = useT();
  const format = useFormat();
  const { errors, onSubmit } = useClientValidation(AssignmentForm, failure?.errors);
  const values = failure?.values ?? {};
  const created = searchParams.get("created");
  const withdrawn = searchParams.get("withdrawn");
  const problems = Object.entries(errors).flatMap(([field, list]) => list.map((text) => ({ field, text })));

  return (
    <section>
      <h1>{t("assign.title")}</h1>
      <p className="lead">{t("assign.lead")}</p>
      {created && /^\d+$/.test(created) ? (
        <p className="notice" role="status">
          {t("assign.created", { count: Number(created) })}
        </p>
      ) : null}
      {withdrawn ? (
        <p className="notice" role="status">
          {t("assign.withdrawnNotice")}
        </p>
      ) : null}

      <h2>{t("assign.listTitle")}</h2>
      {assignments.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("assign.colCourse")}</th>
                <th scope="col">{t("assign.colTarget")}</th>
                <th scope="col">{t("assign.colDue")}</th>
                <th scope="col">{t("assign.colAssigned")}</th>
                <th scope="col">{t("assign.colCompleted")}</th>
                <th scope="col">{t("assign.colOverdue")}</th>
                <th scope="col">{t("assign.colStatus")}</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/manage/assignments/${a.id}`}>{a.courseTitle}</Link>
                  </td>
                  <td>
                    {a.unit?.name ?? t("assign.namedPeople")}
                    {a.positions?.length ? <span className="muted"> · {t("assign.onlyPositions", { list: a.positions.join(", ") })}</span> : null}
                    {a.learnerGroup ? <span className="muted"> · {t(`account.group.${a.learnerGroup as "official"}`)}</span> : null}
                  </td>
                  <td>{a.dueDate ? format.date(a.dueDate, dayMonthYear) : t("assign.dueAfterDays", { days: a.dueDays ?? 0 })}</td>
                  <td>{format.number(a.counts.assigned)}</td>
                  <td>{format.number(a.counts.completed)}</td>
                  <td>{format.number(a.counts.overdue)}</td>
                  <td>{a.withdrawnAt ? t("assign.withdrawnOn", { date: format.date(a.withdrawnAt) }) : t("assign.active")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t("assign.none")}</p>
      )}

      <h2 id="new">{t("assign.newTitle")}</h2>
      <Form method="post" noValidate onSubmit={onSubmit} className="stack narrow">
        {problems.length ? (
          <div className="form-error" role="alert">
            <p>{t("assign.errorSummary", { count: problems.length })}</p>
            <ul>
              {problems.map(({ field, text }) => {
                const { key, params } = parseMessage(text);
                return <li key={`${field}-${text}`}>{t(key, params)}</li>;
              })}
            </ul>
          </div>
        ) : null}
        <SelectField name="courseSlug" label={t("assign.course")} defaultValue={values.courseSlug} errors={errors} required>
          <option value="">{t("form.choose")}</option>
          {courses.map((c) => (
            <option key={c.slug} value={c.slug}>
              {c.title}
            </option>
          ))}
        </SelectField>

        <fieldset className="fieldset">
          <legend>{t("assign.target")}</legend>
          <Choice name="target" value="unit" label={t("assign.targetUnit")} checked={(values.target ?? "unit") === "unit"} />
          <SelectField name="unitId" label={t("assign.unit")} defaultValue={values.unitId} errors={errors}>
            <option value="">{t("form.choose")}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {"\u00a0\u00a0".repeat(u.depth)}
                {u.name}
              </option>
            ))}
          </SelectField>
          <TextField
            name="positions"
            label={t("assign.positions")}
            hint={t("assign.positionsHint")}
            maxLength={1000}
            defaultValue={values.positions}
            errors={errors}
          />
          <SelectField name="learnerGroup" label={t("assign.learnerGroup")} defaultValue={values.learnerGroup} errors={errors}>
            <option value="">{t("assign.learnerGroupAll")}</option>
            <option value="official">{t("account.group.official")}</option>
            <option value="resident">{t("account.group.resident")}</option>
          </SelectField>
          <Choice name="target" value="people" label={t("assign.targetPeople")} checked={values.target === "people"} />
          <TextAreaField name="people" label={t("assign.people")} hint={t("assign.peopleHint")} rows={4} defaultValue={values.people} errors={errors} />
        </fieldset>

        <fieldset className="fieldset">
          <legend>{t("assign.due")}</legend>
          <Choice name="due" value="date" label={t("assign.dueDateOption")} checked={(values.due ?? "date") === "date"} />
          <TextField name="dueDate" type="date" min={today} label={t("assign.dueDate")} defaultValue={values.dueDate} errors={errors} />
          <Choice name="due" value="days" label={t("assign.dueDaysOption")} checked={values.due === "days"} />
          <TextField
            name="dueDays"
            type="number"
            min={1}
            max={3650}
            step={1}
            inputMode="numeric"
            label={t("assign.dueDays")}
            defaultValue={values.dueDays}
            errors={errors}
          />
        </fieldset>

        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("assign.submit")}
        </button>
      </Form>
    </section>
  );
}

/** A radio button with its label: which target, which kind of due date. Works without JavaScript: every field stays visible. */
function Choice({ name, value, label, checked }: { name: string; value: string; label: string; checked: boolean }) {
  const id = `${name}-${value}`;
  return (
    <div className="field-checkbox choice">
      <input type="radio" id={id} name={name} value={value} defaultChecked={checked} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
