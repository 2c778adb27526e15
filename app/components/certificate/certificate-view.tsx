import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useFormat, useT } from "~/components/i18n-provider";
import type { CertificateSnapshot, CertificateStatus } from "~/models/certificate-types";
import { formatShortCode } from "~/utils/certificate-code";

/**
 * The status of a certificate in large plain words, first, for a commune
 * clerk holding a phone: valid, expired, revoked (with why) or replaced.
 */
export function CertificateStatusBanner({ status }: { status: CertificateStatus }) {
  const t = useT();
  const format = useFormat();
  const date = (iso: string) => format.date(iso);
  const [tone, title, body] =
    status.state === "valid"
      ? ["ok", t("certificate.valid"), t("certificate.validBody")]
      : status.state === "expired"
        ? ["warn", t("certificate.expired"), t("certificate.expiredBody", { date: date(status.since) })]
        : status.state === "revoked"
          ? ["bad", t("certificate.revoked"), t("certificate.revokedBody", { date: date(status.since), reason: status.reason })]
          : ["warn", t("certificate.replaced"), t("certificate.replacedBody", { date: date(status.since) })];
  return (
    <div className={`certificate-status certificate-status-${tone}`} role="status">
      <p className="certificate-status-title">{title}</p>
      <p>{body}</p>
      {status.state === "replaced" ? (
        <p>
          <Link to={`/certificates/${status.byPublicId}`}>{t("certificate.replacedLink")}</Link>
        </p>
      ) : null}
    </div>
  );
}

/**
 * What the certificate says, as a definition list; fields the holder hid
 * arrive as null and are left out. The admin's page adds what only it shows
 * (the current profile name, the public id) through `holderNote` and `extra`.
 */
export function CertificateFacts({ snapshot, holderNote, extra = [] }: { snapshot: CertificateSnapshot; holderNote?: ReactNode; extra?: Array<[string, ReactNode]> }) {
  const t = useT();
  const format = useFormat();
  const holder = snapshot.holderName ?? t("certificate.deletedHolder");
  const rows: Array<[string, ReactNode]> = [
    [t("certificate.holder"), holderNote ? <>{holder}{holderNote}</> : holder],
    [t("certificate.group"), t(snapshot.learnerGroup === "official" ? "audience.officials" : "audience.residents")],
  ];
  if (snapshot.unitName) rows.push([t("certificate.unit"), snapshot.unitName]);
  if (snapshot.position) rows.push([t("certificate.position"), snapshot.position]);
  if (snapshot.provinceName) rows.push([t("certificate.province"), snapshot.provinceName]);
  rows.push(
    [t("certificate.course"), t("certificate.courseValue", { title: snapshot.courseTitle, version: snapshot.courseVersion })],
    [t("certificate.competence"), t("certificate.competenceValue", { area: snapshot.competenceArea, name: t(`competence.area.${snapshot.competenceArea}` as "competence.area.1"), level: snapshot.level })],
    [t("certificate.duration"), t("certificate.durationValue", { minutes: snapshot.minutes, periods: format.number(snapshot.periods, { maximumFractionDigits: 1 }) })],
  );
  if (snapshot.finalScore !== null) rows.push([t("certificate.score"), t("certificate.scoreValue", { score: snapshot.finalScore })]);
  rows.push(
    [t("certificate.completedOn"), format.date(snapshot.completedAt)],
    [t("certificate.issuedOn"), format.date(snapshot.issuedAt)],
    [t("certificate.expiresOn"), snapshot.expiresAt ? format.date(snapshot.expiresAt) : t("certificate.noExpiry")],
    [t("certificate.issuer"), snapshot.issuerName],
    [t("certificate.serial"), snapshot.serial],
    [t("certificate.code"), formatShortCode(snapshot.shortCode)],
    ...extra,
  );
  return (
    <dl className="certificate-facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
