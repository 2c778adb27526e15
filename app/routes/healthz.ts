import { json } from "@remix-run/node";
import { checkDatabase } from "~/models/health.server";

/** For load balancers and monitors: 200 when the database answers, 503 otherwise. */
export async function loader() {
  const database = await checkDatabase();
  return json(
    { status: database.ok ? "ok" : "error", database: database.ok ? "ok" : database.error },
    { status: database.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
