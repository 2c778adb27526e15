/**
 * What a certificate says, frozen when it is issued: the snapshot that the
 * verification page, the PDF and the signed credential all show. Nothing
 * here is recomputed later (a renamed course or a changed profile leaves
 * issued certificates as they were; a name correction is a reissue).
 *
 * Text is Unicode NFC. Dates are ISO 8601 strings (UTC instants).
 */
export type CertificateSnapshot = {
  /** Per-year, gapless: "HS-2026-000123". */
  serial: string;
  /** In the verification URL: 22 characters of base64url, 128 random bits. */
  publicId: string;
  /** For reading aloud and typing on a phone: 10 characters (9 random + 1 check) from an alphabet without 0/O/1/I, shown as "ABCD-EFGH-JK". */
  shortCode: string;
  /** Null once the account is deleted: the certificate stays verifiable as "issued to a deleted account". */
  holderName: string | null;
  learnerGroup: "resident" | "official";
  /** For officials. */
  unitName: string | null;
  position: string | null;
  provinceName: string | null;
  courseSlug: string;
  courseTitle: string;
  courseVersion: number;
  /** Circular 02/2025 competence domain, 1–6, and its name in Vietnamese. */
  competenceArea: number;
  competenceAreaName: string;
  level: number;
  /** The course's nominal duration, in minutes and in 45-minute periods (tiết). */
  minutes: number;
  periods: number;
  /** Percent, 0–100, of the final quiz's best passing attempt; null when the course has none. */
  finalScore: number | null;
  completedAt: string;
  issuedAt: string;
  /** From course.yml certificate.validMonths; null: does not expire. */
  expiresAt: string | null;
  /** The issuing organisation (setting CERTIFICATE_ISSUER_NAME). */
  issuerName: string;
};

export type CertificateStatus =
  | { state: "valid" }
  | { state: "expired"; since: string }
  | { state: "revoked"; since: string; reason: string }
  | { state: "replaced"; since: string; byPublicId: string };
