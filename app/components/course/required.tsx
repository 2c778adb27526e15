import { useFormat, useT } from "~/components/i18n-provider";

/** What the catalogue and the course page know of one course for the signed-in learner. */
export type CourseMarkView = { enrolled: boolean; completed: boolean; requiredDue: string | Date | null; overdue: boolean };

/** Due dates read dd/mm/yyyy, in Vietnam's calendar, as on official papers. */
export function useDueDate() {
  const format = useFormat();
  return (date: string | Date) => format.date(date, { dateStyle: undefined, day: "2-digit", month: "2-digit", year: "numeric" });
}

/**
 * "Đang học", "Đã hoàn thành", "Bắt buộc · hạn 15/01/2027" or "Quá hạn · hạn
 * 15/01/2027": overdue is said in words, and the colour only repeats it.
 */
export function CourseMarks({ mark }: { mark: CourseMarkView | null | undefined }) {
  const t = useT();
  const due = useDueDate();
  if (!mark || (!mark.enrolled && !mark.completed && !mark.requiredDue)) return null;
  return (
    <ul className="chips course-marks" aria-label={t("required.marks")}>
      {mark.requiredDue ? (
        <li className={mark.overdue ? "mark mark-overdue" : "mark mark-required"}>
          {mark.overdue ? (
            <span aria-hidden="true">⚠ </span>
          ) : null}
          {t(mark.overdue ? "required.overdue" : "required.due", { date: due(mark.requiredDue) })}
        </li>
      ) : null}
      {mark.completed ? (
        <li className="mark mark-done">
          <span aria-hidden="true">✓ </span>
          {t("required.completed")}
        </li>
      ) : mark.enrolled ? (
        <li className="mark">{t("required.enrolled")}</li>
      ) : null}
    </ul>
  );
}

export type RequiredStateView = "done" | "done late" | "overdue" | "due soon" | "open";

/** One required course's state on /me, in words. */
export function RequiredStatus({ state, dueAt, completedAt }: { state: RequiredStateView; dueAt: string | Date; completedAt: string | Date | null }) {
  const t = useT();
  const due = useDueDate();
  if (state === "overdue") {
    return (
      <strong className="mark-overdue">
        <span aria-hidden="true">⚠ </span>
        {t("required.overdue", { date: due(dueAt) })}
      </strong>
    );
  }
  const tail =
    state === "due soon"
      ? t("required.dueSoon")
      : completedAt && state === "done late"
        ? t("required.doneLate", { date: due(completedAt) })
        : completedAt && state === "done"
          ? t("required.doneOn", { date: due(completedAt) })
          : null;
  return (
    <span className={state === "done" || state === "done late" ? "mark-done" : "mark-required"}>
      {t("required.due", { date: due(dueAt) })}
      {tail ? ` · ${tail}` : null}
    </span>
  );
}
