/**
 * `npm run bench:credential`: what a signed certificate costs on this
 * machine: the first signature (document loader and key import included),
 * then the mean of 20 signatures and of 20 verifications, and the size of
 * one credential as the learner downloads it.
 *
 * Uses a key file of its own in a temporary folder; touches nothing else.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { sampleCertificateUrl, sampleSnapshot } from "../fixtures/certificate-snapshot";
import { machine, summary, time } from "./scratch";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-bench-"));
process.env.CERTIFICATE_KEY_FILE = path.join(dir, "issuer-keys.json");
process.env.NODE_ENV = "test";

const { ensureIssuerKey } = await import("~/models/issuer.server");
const { signCertificateCredential, verifyCredential } = await import("~/models/credential.server");

try {
  console.log(`signed credential costs on ${machine()}\n`);
  await ensureIssuerKey();
  const sign = () => signCertificateCredential({ snapshot: sampleSnapshot, certificateUrl: sampleCertificateUrl });

  const coldStart = performance.now();
  const first = await sign();
  console.log(`${"first signature (cold: loader, key import, JIT)".padEnd(52)} ${(performance.now() - coldStart).toFixed(1)} ms`);
  const coldVerify = performance.now();
  const firstCheck = await verifyCredential(first);
  console.log(`${"first verification".padEnd(52)} ${(performance.now() - coldVerify).toFixed(1)} ms`);
  if (!firstCheck.verified) throw new Error(`the credential did not verify: ${firstCheck.errors.join("; ")}`);

  summary("signature", await time(20, sign));
  summary("verification", await time(20, () => verifyCredential(first)));

  const compact = JSON.stringify(first);
  const pretty = `${JSON.stringify(first, null, 2)}\n`;
  const bytes = (text: string) => Buffer.byteLength(text, "utf8");
  console.log(
    `${"one credential (JSON, UTF-8)".padEnd(52)} ${bytes(pretty)} B indented as downloaded, ${bytes(compact)} B compact, ${zlib.gzipSync(pretty).length} B gzipped`,
  );
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
