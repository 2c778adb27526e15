import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useFormat, useT } from "~/components/i18n-provider";
import { Pager } from "~/components/ui/pager";
import { teamResidents } from "~/models/community.server";
import { listUnits } from "~/models/org.server";
import { scopeOf } from "~/models/scope.server";
import { requireRole } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";
import { pageNumber } from "~/utils/misc";
import { privateMeta } from "~/utils/seo";

/**
 * The residents who chose a community team: a team's members see their
 * own team; a commune or province manager, the teams under them. Names and
 * progress only of those who agreed to share with their unit (the model
 * never returns the others).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  const url = new URL(request.url);
  const unit = (url.searchParams.get("unit") ?? "").slice(0, 300);
  const page = pageNumber(url.searchParams);
  const { t } = await getI18n(request);
  const result = await teamResidents({ actor, unitId: unit || null, page });
  const scope = await scopeOf(actor);
  // Where teams are: the units above them in the scope, for the picker.
  const units = (await listUnits())
    .filter((u) => !u.validTo && (scope.all || u.path.startsWith(scope.roots[0].path)) && (u.kind === "team" || u.kind === "commune" || u.kind === "province" || u.depth === 0))
    .filter((u, _, all) => u.kind === "team" || all.some((team) => team.kind === "team" && team.path.startsWith(u.path)))
    .slice(0, 500)
    .map(({ id, name }) => ({ id, name }));
  return { ...result, units, selected: unit, title: `${t("community.team.title")} · ${t("app.name")}` };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => privateMeta(data?.title);

export default function TeamResidents() {
  const { teams, total, sharing, notSharing, people, page, pages, year, units, selected } = useLoaderData<typeof loader>();
  const t = useT();
  const format = useFormat();
  return (
    <>
      <h1>{t("community.team.title")}</h1>
      <p>{t("community.team.intro")}</p>
      {units.length > 1 ? (
        <Form method="get" className="filters" aria-label={t("community.team.unit")}>
          <div className="field field-wide">
            <label htmlFor="unit">{t("community.team.unit")}</label>
            <select id="unit" name="unit" defaultValue={selected}>
              <option value="">{t("community.team.teams")}</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field field-actions">
            <button type="submit" className="primary">
              {t("community.team.submit")}
            </button>
          </div>
        </Form>
      ) : null}
      {teams.length === 0 ? (
        <p>{t("community.team.none")}</p>
      ) : (
        <>
          <h2>{t("community.team.teams")}</h2>
          <ul>
            {teams.map((team) => (
              <li key={team.id}>{team.name}</li>
            ))}
          </ul>
          <p role="status">{t("community.team.counts", { total, sharing })}</p>
          {notSharing > 0 ? <p>{t("community.team.notSharing", { count: notSharing })}</p> : null}
          {people.length === 0 ? (
            <p>{t("community.team.nobody")}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>{t("community.team.caption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("community.team.col.name")}</th>
                    <th scope="col">{t("community.team.col.team")}</th>
                    <th scope="col">{t("community.team.col.enrolled")}</th>
                    <th scope="col">{t("community.team.col.completed")}</th>
                    <th scope="col">{t("community.team.col.certificates")}</th>
                    <th scope="col">{t("community.team.col.hours", { year })}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((p) => (
                    <tr key={p.id}>
                      <th scope="row">{p.fullName}</th>
                      <td>{p.teamName}</td>
                      <td className="num">{format.number(p.enrolled)}</td>
                      <td className="num">{format.number(p.completed)}</td>
                      <td className="num">{format.number(p.certificates)}</td>
                      <td className="num">{format.number(p.seconds / 3600, { maximumFractionDigits: 1 })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Pager page={page} pages={pages} />
        </>
      )}
    </>
  );
}
