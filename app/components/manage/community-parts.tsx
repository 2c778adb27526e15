import { Fragment } from "react";
import { useFormat, useT } from "~/components/i18n-provider";
import type { AuditFact, AuditPart } from "~/models/audit.server";
import type { Shown } from "~/models/community.server";

/** A number from resident statistics: exact, "< 5" for a small count, or "≥ n" for a total that includes one. */
export function CommunityCount({ value }: { value: Shown }) {
  const t = useT();
  const format = useFormat();
  if ("exact" in value) return <>{format.number(value.exact)}</>;
  if ("fewerThan" in value) return <>{t("community.fewerThan", { n: value.fewerThan })}</>;
  return <>{t("community.atLeast", { n: value.atLeast })}</>;
}

export const dayFormat: Intl.DateTimeFormatOptions = { dateStyle: undefined, day: "2-digit", month: "2-digit", year: "numeric" };

function Part({ part }: { part: AuditPart }) {
  const t = useT();
  const format = useFormat();
  if ("text" in part) return <>{part.text}</>;
  if ("number" in part) return <>{format.number(part.number)}</>;
  // Dates in the details are days (a due date) or instants; both read as the day in Vietnam, dd/mm/yyyy.
  if ("date" in part) return <>{format.date(part.date, dayFormat)}</>;
  return <>{t(part.key, part.params)}</>;
}

/** An audit event's details as a short list of "label: value", translated in the page's language. */
export function CommunityAuditFacts({ facts }: { facts: AuditFact[] }) {
  const t = useT();
  if (facts.length === 0) return null;
  return (
    <dl>
      {facts.map((fact, i) => (
        <Fragment key={i}>
          <dt>{"key" in fact.label ? t(fact.label.key) : fact.label.raw}</dt>
          <dd>
            {fact.value.map((part, j) => (
              <Part key={j} part={part} />
            ))}
          </dd>
        </Fragment>
      ))}
    </dl>
  );
}
