import type { LoaderFunctionArgs } from "@remix-run/node";
import { trainingRecordFile } from "~/models/report-export.server";
import { requireRole } from "~/utils/auth.server";

/** The annual training record as on screen, as CSV; same query parameters as /manage/training-record. */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireRole(request, ["admin", "manager"]);
  return trainingRecordFile({ actor, params: new URL(request.url).searchParams, format: "csv" });
}
