import { Form } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";

/** The search box of an admin list: a GET form, so results have an address and work without JavaScript. */
export function AdminSearchForm({ label, query, maxLength }: { label: string; query: string; maxLength: number }) {
  const t = useT();
  return (
    <Form method="get" role="search" className="filters" aria-label={label}>
      <div className="field field-wide">
        <label htmlFor="q">{label}</label>
        <input id="q" name="q" type="search" defaultValue={query} maxLength={maxLength} autoComplete="off" spellCheck={false} />
      </div>
      <div className="field field-actions">
        <button type="submit" className="primary">
          {t("catalogue.submit")}
        </button>
      </div>
    </Form>
  );
}
