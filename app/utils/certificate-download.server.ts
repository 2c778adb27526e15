import { certificateFile } from "~/models/certificate.server";
import { requireUser } from "~/utils/auth.server";
import { getI18n } from "~/utils/i18n.server";

const types = {
  pdf: { contentType: "application/pdf", extension: "pdf" },
  credential: { contentType: "application/ld+json; charset=utf-8", extension: "json" },
} as const;

/** A certificate file as a download: the holder's own, or any for an admin; 404 for anyone else, 410 once revoked or replaced. */
export async function sendCertificateFile(request: Request, publicId: string, kind: keyof typeof types) {
  const user = await requireUser(request);
  const file = await certificateFile({ userId: user.id, publicId, kind, admin: user.role === "admin" });
  if (file === "notFound") throw new Response("Not found", { status: 404 });
  if (file === "gone") {
    const { t } = await getI18n(request);
    throw new Response(t("certificate.gone"), { status: 410, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const { contentType, extension } = types[kind];
  return new Response(typeof file.body === "string" ? file.body : Buffer.from(file.body), {
    headers: {
      "Content-Type": contentType,
      "Content-Disposition": `attachment; filename="chung-nhan-${file.serial}.${extension}"`,
      "Cache-Control": "private, no-store",
    },
  });
}
