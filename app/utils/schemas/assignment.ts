/**
 * The forms of /manage/assignments: making a course required, and
 * withdrawing it. Used by the action (which decides) and by the page when
 * JavaScript runs (which only answers sooner). What exists (course, unit,
 * people) and what is in scope is the model's to check.
 */
import * as z from "zod/v4-mini";
import { learnerGroups } from "~/utils/schemas/account";
import { checkbox, message, optionalTextField } from "~/utils/schemas/fields";

export const PEOPLE_LIST_MAX = 500;
export const POSITIONS_MAX = 20;
const DUE_DAYS_MAX = 3650;

/** An id or a slug, as our selects send them: nothing else reaches the model. */
const reference = z.string().check(
  z.refine((v) => v.length > 0, message("form.required")),
  z.refine((v) => v.length <= 100 && /^[\p{L}\p{N}_-]*$/u.test(v), message("form.invalid"))
);
const optionalReference = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    if (!v) return undefined;
    if (v.length > 100 || !/^[\p{L}\p{N}_-]+$/u.test(v)) ctx.issues.push({ code: "custom", input: v, message: message("form.invalid") });
    return v;
  })
);

/** One email or phone a line (commas too); a line break is the separator, every other control character is refused. */
const peopleList = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    const text = (v ?? "").normalize("NFC");
    if (text.length > 30_000 || /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/.test(text)) {
      ctx.issues.push({ code: "custom", input: v, message: message("form.controlCharacters") });
      return [];
    }
    const entries = [
      ...new Set(
        text
          .split(/[\r\n,;]+/)
          .map((e) => e.trim())
          .filter(Boolean)
      ),
    ];
    if (entries.length > PEOPLE_LIST_MAX) ctx.issues.push({ code: "custom", input: v, message: message("assign.peopleTooMany", { max: PEOPLE_LIST_MAX }) });
    return entries;
  })
);

const positionList = z.pipe(
  optionalTextField(1000),
  z.transform((v, ctx) => {
    const list = [
      ...new Set(
        (v ?? "")
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean)
      ),
    ];
    if (list.length > POSITIONS_MAX || list.some((p) => p.length > 100))
      ctx.issues.push({ code: "custom", input: v, message: message("assign.positionsTooMany", { max: POSITIONS_MAX }) });
    return list;
  })
);

const dueDays = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    if (!v) return undefined;
    const days = /^\d{1,4}$/.test(v.trim()) ? Number(v.trim()) : Number.NaN;
    if (!(days >= 1 && days <= DUE_DAYS_MAX)) ctx.issues.push({ code: "custom", input: v, message: message("assign.dueDaysRange", { max: DUE_DAYS_MAX }) });
    return days;
  })
);

const dueDate = z.pipe(
  z.optional(z.string()),
  z.transform((v, ctx) => {
    if (!v) return undefined;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) ctx.issues.push({ code: "custom", input: v, message: message("assign.dueDateInvalid") });
    return v;
  })
);

export const AssignmentForm = z
  .object({
    courseSlug: reference,
    target: z.enum(["unit", "people"], message("form.invalid")),
    unitId: optionalReference,
    positions: positionList,
    learnerGroup: z.pipe(
      z.optional(z.string()),
      z.transform((v, ctx) => {
        if (!v) return undefined;
        const group = learnerGroups.find((g) => g === v);
        if (!group) ctx.issues.push({ code: "custom", input: v, message: message("form.invalid") });
        return group;
      })
    ),
    people: peopleList,
    due: z.enum(["date", "days"], message("form.invalid")),
    dueDate,
    dueDays,
  })
  .check(
    z.refine((v) => v.target !== "unit" || Boolean(v.unitId), { message: message("form.required"), path: ["unitId"] }),
    z.refine((v) => v.target !== "people" || v.people.length > 0, { message: message("assign.peopleRequired"), path: ["people"] }),
    z.refine((v) => v.due !== "date" || Boolean(v.dueDate), { message: message("form.required"), path: ["dueDate"] }),
    z.refine((v) => v.due !== "days" || v.dueDays !== undefined, { message: message("form.required"), path: ["dueDays"] })
  );

export const WithdrawForm = z.object({
  confirm: z.pipe(
    checkbox,
    z.transform((v, ctx) => {
      if (!v) ctx.issues.push({ code: "custom", input: v, message: message("assign.withdrawConfirmRequired") });
      return v;
    })
  ),
});

/** Unused fields of the other target or due kind are ignored, as the page's radio buttons say. */
export function assignmentRequest(data: z.infer<typeof AssignmentForm>) {
  return {
    courseSlug: data.courseSlug,
    target: data.target === "unit" ? { unitId: data.unitId ?? "", positions: data.positions, learnerGroup: data.learnerGroup } : { people: data.people },
    due: data.due === "date" ? { date: data.dueDate ?? "" } : { days: data.dueDays ?? 0 },
  };
}
