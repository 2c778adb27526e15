import { Form } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import type { MessageKey } from "~/utils/i18n";

export type FilterValues = { unit: string; course: string; from: string; to: string; position: string; group: string };

/**
 * The report's filters: a GET form, so it works without JavaScript and the
 * address says what is shown (links and exports keep it). What was typed
 * comes back as typed, with the errors next to it.
 */
export function ReportFilters({ values, courses, errors, view }: { values: FilterValues; courses: { slug: string; title: string }[]; errors: MessageKey[]; view: string | null }) {
  const t = useT();
  return (
    <Form method="get" className="stack" aria-label={t("report.filters")}>
      {values.unit ? <input type="hidden" name="unit" value={values.unit} /> : null}
      {view ? <input type="hidden" name="view" value={view} /> : null}
      {errors.length ? (
        <div role="alert" className="form-error" id="report-errors">
          <ul>
            {errors.map((e) => (
              <li key={e}>{t(e)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset>
        <legend>{t("report.filters")}</legend>
        <div className="field">
          <label htmlFor="report-course">{t("report.course")}</label>
          <select id="report-course" name="course" defaultValue={values.course}>
            <option value="">{t("report.allCourses")}</option>
            {courses.map((c) => (
              <option key={c.slug} value={c.slug}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="report-from">{t("report.from")}</label>
          <input id="report-from" type="date" name="from" defaultValue={values.from} aria-describedby={errors.length ? "report-errors" : undefined} />
        </div>
        <div className="field">
          <label htmlFor="report-to">{t("report.to")}</label>
          <input id="report-to" type="date" name="to" defaultValue={values.to} />
        </div>
        <div className="field">
          <label htmlFor="report-position">{t("report.position")}</label>
          <input id="report-position" type="text" name="position" defaultValue={values.position} maxLength={200} />
        </div>
        <fieldset>
          <legend>{t("report.group")}</legend>
          <label>
            <input type="radio" name="group" value="at-time" defaultChecked={values.group !== "current"} /> {t("report.groupAtTime")}
          </label>
          <label>
            <input type="radio" name="group" value="current" defaultChecked={values.group === "current"} /> {t("report.groupCurrent")}
          </label>
        </fieldset>
        <p className="muted">{t("report.groupNote")}</p>
      </fieldset>
      <button type="submit">{t("report.apply")}</button>
    </Form>
  );
}
