/**
 * `npm run certificate:verify -- FILE`: checks a downloaded certificate
 * credential (the .json file) offline, against the issuer keys in this
 * installation's key file. Prints "Hợp lệ / valid" and exits 0, or the
 * reason and exits 1. Anyone else can check the same file with any Data
 * Integrity verifier and the key published at PUBLIC_URL/issuer.
 */
import fs from "node:fs";
import path from "node:path";
import { verifyCredential } from "~/models/credential.server";
import { EnvError, projectRoot } from "~/utils/env.server";

if (fs.existsSync(path.join(projectRoot, ".env"))) process.loadEnvFile(path.join(projectRoot, ".env"));

const file = process.argv[2];
if (!file) {
  console.error("Usage: npm run certificate:verify -- FILE.json");
  process.exit(2);
}

let credential: unknown;
try {
  credential = JSON.parse(fs.readFileSync(path.resolve(file), "utf8"));
} catch (error) {
  console.error(`Không hợp lệ / invalid: cannot read ${file} as JSON (${(error as Error).message})`);
  process.exit(1);
}

try {
  const result = await verifyCredential(credential);
  if (result.verified) {
    const summary = summaryOf(credential);
    console.log(`Hợp lệ / valid${summary ? `: ${summary}` : ""}`);
  } else {
    for (const reason of result.errors) console.error(`Không hợp lệ / invalid: ${reason}`);
    process.exit(1);
  }
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}

/** Who and what the file certifies, as it says (now that its signature has been checked). */
function summaryOf(value: unknown): string {
  const credential = value as {
    name?: unknown;
    validFrom?: unknown;
    credentialSubject?: { identifier?: { identityType?: unknown; identityHash?: unknown }[] };
  };
  const holder = credential.credentialSubject?.identifier?.find((entry) => entry.identityType === "name")?.identityHash;
  return [credential.name, typeof holder === "string" ? holder : null, credential.validFrom]
    .filter((part): part is string => typeof part === "string")
    .join(" · ");
}
