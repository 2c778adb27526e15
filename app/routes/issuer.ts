import { issuerProfile } from "~/models/issuer.server";

/**
 * The certificate issuer's profile and public keys (Open Badges Profile,
 * JSON-LD), where anyone checking a signed certificate finds the key it
 * names. Readable from any origin: verifiers may run in a browser.
 */
export function loader() {
  return new Response(`${JSON.stringify(issuerProfile(), null, 2)}\n`, {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Cache-Control": "public, max-age=300",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
