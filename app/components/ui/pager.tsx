import { Link, useSearchParams } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";

/** Previous and next links for a list split into pages; keeps the other query parameters. */
export function Pager({ page, pages }: { page: number; pages: number }) {
  const t = useT();
  const [searchParams] = useSearchParams();
  if (pages <= 1) return null;
  const linkTo = (n: number) => {
    const next = new URLSearchParams(searchParams);
    next.set("page", String(n));
    return `?${next}`;
  };
  return (
    <nav aria-label={t("admin.pages")} className="pager">
      {page > 1 ? <Link to={linkTo(page - 1)}>{t("admin.previousPage")}</Link> : null}
      <span>{t("admin.pageOf", { page, pages })}</span>
      {page < pages ? <Link to={linkTo(page + 1)}>{t("admin.nextPage")}</Link> : null}
    </nav>
  );
}
