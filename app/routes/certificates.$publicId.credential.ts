import type { LoaderFunctionArgs } from "@remix-run/node";
import { sendCertificateFile } from "~/utils/certificate-download.server";

/** The certificate as a signed Open Badges 3.0 credential (JSON-LD), for its holder (or an admin). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return sendCertificateFile(request, params.publicId ?? "", "credential");
}
