import type { LoaderFunctionArgs } from "@remix-run/node";
import { reportFile } from "~/models/report-export.server";
import { requireRole } from "~/utils/auth.server";

/** The report as on screen (?view=people: its people list), as an Excel workbook; same query parameters as /manage. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  return reportFile({ actor, params: new URL(request.url).searchParams, format: "xlsx" });
}
