import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportAccountData } from "~/models/user.server";
import { requireUser } from "~/utils/auth.server";

/** Everything stored about the signed-in learner, as a file they keep (right of access, Law 91/2025). */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const data = await exportAccountData(user.id);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="hoc-so-${new Date().toISOString().slice(0, 10)}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
