/**
 * The certificate issuer: its Ed25519 signing keys and its public profile
 * (docs/decisions/0013-signed-credentials.md).
 *
 * The keys live in a file beside the database (issuer-keys.json, mode 0600),
 * never in git and never in the database: a database backup handed to
 * someone must not let them sign certificates. The first start makes one
 * key; `npm run certificate:rotate-key` adds a newer one. The newest key
 * signs; every key stays published at /issuer, so certificates signed with
 * an older key still verify.
 *
 * A key is published as `${PUBLIC_URL}/issuer#<its public key, multibase>`:
 * the id names the key itself, so it can never come to mean another key,
 * and the Open Badges validator of 1EdTech reads the key from it directly.
 */
import fs from "node:fs";
import path from "node:path";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { z } from "zod";
import { StartupError } from "~/utils/startup.server";
import { databaseFile, env } from "~/utils/env.server";

const FILE_FORMAT = "hoc-so/issuer-keys/1";

const keySchema = z.object({
  /** For people: "key-1", "key-2", … in the order the keys were made. */
  label: z.string().regex(/^key-\d+$/),
  created: z.string().datetime(),
  publicKeyMultibase: z.string().regex(/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/, "must be an Ed25519 public key (z6Mk…)"),
  secretKeyMultibase: z.string().regex(/^z[1-9A-HJ-NP-Za-km-z]+$/, "must be a multibase secret key (z…)"),
});

const fileSchema = z.object({
  format: z.literal(FILE_FORMAT),
  keys: z.array(keySchema).min(1),
});

export type IssuerKey = z.infer<typeof keySchema>;

/** The issuer profile at /issuer: an Open Badges Profile that also lists the issuer's public keys. */
export type IssuerProfile = {
  "@context": (string | Record<string, unknown>)[];
  id: string;
  type: ["Profile"];
  name: string;
  url: string;
  verificationMethod: PublicKeyDocument[];
  assertionMethod: string[];
};

export type PublicKeyDocument = {
  id: string;
  type: "Multikey";
  controller: string;
  publicKeyMultibase: string;
};

export const VC_CONTEXT_V2 = "https://www.w3.org/ns/credentials/v2";
export const OB_CONTEXT_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
export const MULTIKEY_CONTEXT_V1 = "https://w3id.org/security/multikey/v1";

/**
 * The key terms of the profile, defined in place rather than by a context
 * URL, so that anyone can read the profile as JSON-LD without fetching
 * anything but the VC and Open Badges contexts they already have. The IRIs
 * are the W3C security vocabulary's, as in the Controlled Identifiers
 * context.
 */
const KEY_TERMS = {
  verificationMethod: { "@id": "https://w3id.org/security#verificationMethod", "@type": "@id", "@container": "@set" },
  assertionMethod: { "@id": "https://w3id.org/security#assertionMethod", "@type": "@id", "@container": "@set" },
  Multikey: {
    "@id": "https://w3id.org/security#Multikey",
    "@context": {
      "@protected": true,
      id: "@id",
      type: "@type",
      controller: { "@id": "https://w3id.org/security#controller", "@type": "@id" },
      publicKeyMultibase: {
        "@id": "https://w3id.org/security#publicKeyMultibase",
        "@type": "https://w3id.org/security#multibase",
      },
    },
  },
};

/** Where the keys are: beside the database unless CERTIFICATE_KEY_FILE says otherwise. */
export function issuerKeyFile(settings = env()): string {
  return settings.CERTIFICATE_KEY_FILE ?? path.join(path.dirname(databaseFile(settings)), "issuer-keys.json");
}

/** The issuer's identity: an https URL whose document is the profile. */
export function issuerUrl(): string {
  return `${env().PUBLIC_URL}/issuer`;
}

export function verificationMethodId(key: Pick<IssuerKey, "publicKeyMultibase">, issuer = issuerUrl()): string {
  return `${issuer}#${key.publicKeyMultibase}`;
}

/** Thrown for a key file that cannot be used; says which file and why. */
export class IssuerKeyError extends Error {
  override name = "IssuerKeyError";
}

let cached: { file: string; stamp: string; keys: IssuerKey[] } | undefined;

/**
 * The keys in the file, oldest first. Read again only when the file changes,
 * so a key added by `certificate:rotate-key` is used and published without
 * a restart.
 */
export function readIssuerKeys({ file = issuerKeyFile() }: { file?: string } = {}): IssuerKey[] {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new IssuerKeyError(`The certificate signing key file ${file} does not exist. Start the server once (it makes the key), or restore the file from a backup.`);
  }
  const stamp = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  if (cached?.file === file && cached.stamp === stamp) return cached.keys;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new IssuerKeyError(`The certificate signing key file ${file} cannot be read: ${(error as Error).message}`);
  }
  const result = fileSchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new IssuerKeyError(
      `The certificate signing key file ${file} is not valid: ${issue?.path.join(".") || "file"} ${issue?.message ?? ""}`.trim(),
    );
  }
  const keys = [...result.data.keys].sort((a, b) => a.created.localeCompare(b.created));
  cached = { file, stamp, keys };
  return keys;
}

/** The key that signs new certificates: the newest. */
export function currentIssuerKey(options: { file?: string } = {}): IssuerKey {
  const keys = readIssuerKeys(options);
  const newest = keys[keys.length - 1];
  if (!newest) throw new IssuerKeyError("The certificate signing key file has no keys.");
  return newest;
}

async function newKey(label: string, now: Date): Promise<IssuerKey> {
  const pair = await Ed25519Multikey.generate();
  const exported = await pair.export({ publicKey: true, secretKey: true, includeContext: false, canonicalize: true });
  if (!exported.secretKeyMultibase) throw new Error("The Ed25519 key pair was made without its secret key.");
  return {
    label,
    created: now.toISOString(),
    publicKeyMultibase: exported.publicKeyMultibase,
    secretKeyMultibase: exported.secretKeyMultibase,
  };
}

/** Writes beside the target and renames over it: readers see the old file or the new one, never half. */
function writeKeyFile(file: string, keys: IssuerKey[], { replace }: { replace: boolean }) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  const handle = fs.openSync(temporary, "wx", 0o600);
  try {
    fs.writeFileSync(handle, `${JSON.stringify({ format: FILE_FORMAT, keys }, null, 2)}\n`);
    fs.fsyncSync(handle);
  } finally {
    fs.closeSync(handle);
  }
  try {
    if (replace) {
      fs.renameSync(temporary, file);
    } else {
      // link() fails if the file exists: when two processes start together
      // on a fresh folder, one key wins and both use it.
      fs.linkSync(temporary, file);
    }
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * Makes the signing key on the first start; afterwards checks the file can
 * be used. Called from the server's start-up, so no request ever waits for
 * a key to be made and a broken file stops the server with a clear message.
 */
export async function ensureIssuerKey({ file = issuerKeyFile(), now = new Date() }: { file?: string; now?: Date } = {}) {
  let created = false;
  if (!fs.existsSync(file)) {
    try {
      writeKeyFile(file, [await newKey("key-1", now)], { replace: false });
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new StartupError(`Could not create the certificate signing key file ${file}: ${(error as Error).message}`);
      }
    }
  }
  try {
    const keys = readIssuerKeys({ file });
    if (process.platform !== "win32" && (fs.statSync(file).mode & 0o077) !== 0) {
      console.warn(`${file} can be read by other users of this machine; it holds the certificate signing key (chmod 600 ${file}).`);
    }
    return { file, created, keys: keys.length };
  } catch (error) {
    if (error instanceof IssuerKeyError) throw new StartupError(error.message);
    throw error;
  }
}

/** Adds a new key, which signs from now on; the older keys stay published so what they signed still verifies. */
export async function rotateIssuerKey({ file = issuerKeyFile(), now = new Date() }: { file?: string; now?: Date } = {}) {
  const keys = readIssuerKeys({ file });
  const highest = Math.max(...keys.map((key) => Number(key.label.slice("key-".length))));
  const added = await newKey(`key-${highest + 1}`, now);
  writeKeyFile(file, [...keys, added], { replace: true });
  return added;
}

export function publicKeyDocument(key: IssuerKey, issuer = issuerUrl()): PublicKeyDocument {
  return { id: verificationMethodId(key, issuer), type: "Multikey", controller: issuer, publicKeyMultibase: key.publicKeyMultibase };
}

/**
 * The document at /issuer: who issues Học Số certificates, and the keys
 * that sign them. Never contains a secret key.
 */
export function issuerProfile({
  file,
  publicUrl = env().PUBLIC_URL,
  name = env().CERTIFICATE_ISSUER_NAME,
}: { file?: string; publicUrl?: string; name?: string } = {}): IssuerProfile {
  const issuer = `${publicUrl}/issuer`;
  const keys = readIssuerKeys({ file }).map((key) => publicKeyDocument(key, issuer));
  return {
    "@context": [VC_CONTEXT_V2, OB_CONTEXT_V3, KEY_TERMS],
    id: issuer,
    type: ["Profile"],
    name,
    url: publicUrl,
    verificationMethod: keys,
    assertionMethod: keys.map((key) => key.id),
  };
}
