/**
 * `npm run certificate:rotate-key`: adds a new certificate signing key,
 * which signs every certificate from now on (a running server notices the
 * file change; no restart). The older keys stay in the file and stay
 * published at PUBLIC_URL/issuer, so what they signed still verifies.
 * Back the file up again afterwards.
 */
import fs from "node:fs";
import path from "node:path";
import { IssuerKeyError, issuerKeyFile, issuerUrl, readIssuerKeys, rotateIssuerKey, verificationMethodId } from "~/models/issuer.server";
import { EnvError, projectRoot } from "~/utils/env.server";

if (fs.existsSync(path.join(projectRoot, ".env"))) process.loadEnvFile(path.join(projectRoot, ".env"));

try {
  const file = issuerKeyFile();
  const added = await rotateIssuerKey({ file });
  const keys = readIssuerKeys({ file });
  console.log(`Added ${added.label} to ${file}; it signs new certificates from now on.`);
  console.log(`  ${verificationMethodId(added)}`);
  console.log(`${keys.length} keys are published at ${issuerUrl()}, so certificates signed with the older ones still verify.`);
  console.log(`Back up ${file} again: it is not in the database backups.`);
} catch (error) {
  if (error instanceof IssuerKeyError || error instanceof EnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
