import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";
import { useT } from "~/components/i18n-provider";
import { getI18n } from "~/utils/i18n.server";
import { privateMeta } from "~/utils/seo";

/** Where a deleted account lands: the person is signed out, so this page needs no account. */
export async function loader({ request }: LoaderFunctionArgs) {
  const { t } = await getI18n(request);
  return { title: `${t("delete.done")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function AccountDeleted() {
  const t = useT();
  return (
    <section className="narrow">
      <h1>{t("delete.done")}</h1>
      <p role="status">{t("delete.doneBody")}</p>
      <p>
        <Link to="/courses">{t("notFound.courses")}</Link>
      </p>
    </section>
  );
}
