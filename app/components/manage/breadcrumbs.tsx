import { Link } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";

/** The way back up from a unit to the top of the manager's scope; each link keeps the filters. */
export function UnitBreadcrumbs({ crumbs, search }: { crumbs: { id: string | null; name: string }[]; search: (unit: string | null) => string }) {
  const t = useT();
  if (crumbs.length === 0) return null;
  return (
    <nav aria-label={t("report.breadcrumbs")} className="breadcrumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.id ?? ""}>
            {i === crumbs.length - 1 ? (
              <span aria-current="page">{c.name || t("report.country")}</span>
            ) : (
              <Link to={`/manage${search(c.id)}`}>{c.name || t("report.country")}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
