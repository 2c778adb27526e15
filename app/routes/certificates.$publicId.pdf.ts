import type { LoaderFunctionArgs } from "@remix-run/node";
import { sendCertificateFile } from "~/utils/certificate-download.server";

/** The certificate as an A4 PDF, for its holder (or an admin). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  return sendCertificateFile(request, params.publicId ?? "", "pdf");
}
