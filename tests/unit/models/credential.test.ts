import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { DataIntegrityProof } from "@digitalbazaar/data-integrity";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { cryptosuite } from "@digitalbazaar/eddsa-rdfc-2022-cryptosuite";
import * as vc from "@digitalbazaar/vc";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { sampleCertificateUrl, sampleSnapshot } from "../../fixtures/certificate-snapshot";
import {
  type SignedOpenBadgeCredential,
  certificateCredential,
  credentialDocumentLoader,
  signCertificateCredential,
  verifyCredential,
} from "~/models/credential.server";
import { ensureIssuerKey, issuerProfile, issuerUrl, readIssuerKeys, rotateIssuerKey } from "~/models/issuer.server";

beforeAll(async () => {
  await ensureIssuerKey();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const sign = (snapshot = sampleSnapshot) => signCertificateCredential({ snapshot, certificateUrl: sampleCertificateUrl });

/** A deep copy to tamper with. */
const copy = (credential: SignedOpenBadgeCredential) => structuredClone(credential);

describe("a certificate as a signed Open Badges 3.0 credential", () => {
  test("is an OpenBadgeCredential (VC 2.0) whose proof verifies with the key published at /issuer", async () => {
    const credential = await sign();
    expect(credential["@context"]).toEqual([
      "https://www.w3.org/ns/credentials/v2",
      "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ]);
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.id).toBe(sampleCertificateUrl);
    expect(credential.issuer).toEqual({
      id: "http://localhost:3000/issuer",
      type: ["Profile"],
      name: "Học Số — Nền tảng học tập kỹ năng số",
      url: "http://localhost:3000",
    });
    expect(credential.validFrom).toBe(sampleSnapshot.issuedAt);
    expect(credential).not.toHaveProperty("validUntil");
    expect(credential.credentialSubject.achievement).toMatchObject({
      id: "http://localhost:3000/courses/thanh-toan-truc-tuyen#achievement-v3",
      name: "Thanh toán trực tuyến an toàn",
      achievementType: "CertificateOfCompletion",
      fieldOfStudy: "An toàn",
      version: "3",
    });
    expect(credential.credentialSubject.result).toEqual([
      { type: ["Result"], resultDescription: `${credential.credentialSubject.achievement.id}-final-quiz`, value: "85" },
    ]);
    expect(credential.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-rdfc-2022", proofPurpose: "assertionMethod" });
    expect(issuerProfile().assertionMethod).toContain(credential.proof.verificationMethod);
    expect(await verifyCredential(credential)).toEqual({ verified: true, errors: [] });
  });

  test("names the holder, and nothing more about them: not their unit, position, province or email", async () => {
    const credential = await sign();
    expect(credential.credentialSubject.identifier).toEqual([
      { type: "IdentityObject", identityHash: "Nguyễn Thị Hồng Nhung", identityType: "name", hashed: false },
    ]);
    const text = JSON.stringify(credential);
    for (const kept of [sampleSnapshot.unitName!, sampleSnapshot.position!, sampleSnapshot.provinceName!]) expect(text).not.toContain(kept);
  });

  test("for a deleted account, no holder; for a course without a final quiz, no result; an expiry date becomes validUntil", async () => {
    const credential = await sign({ ...sampleSnapshot, holderName: null, finalScore: null, expiresAt: "2099-03-01T00:00:00.000Z" });
    expect(credential.credentialSubject).not.toHaveProperty("identifier");
    expect(credential.credentialSubject).not.toHaveProperty("result");
    expect(credential.credentialSubject.achievement).not.toHaveProperty("resultDescription");
    expect(credential.credentialSubject.achievement.criteria.narrative).toBe("Hoàn thành khóa học.");
    expect(credential.validUntil).toBe("2099-03-01T00:00:00.000Z");
    expect(await verifyCredential(credential)).toEqual({ verified: true, errors: [] });
  });

  test("a subject id is added when the learner has one", async () => {
    const credential = await signCertificateCredential({
      snapshot: sampleSnapshot,
      certificateUrl: sampleCertificateUrl,
      issuedToId: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
    });
    expect(credential.credentialSubject.id).toBe("did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK");
    expect((await verifyCredential(credential)).verified).toBe(true);
  });

  test.each<[string, (credential: SignedOpenBadgeCredential) => void]>([
    ["the credential's name", (c) => void (c.name = "Chứng nhận hoàn thành: Khóa học khác")],
    ["the course title", (c) => void (c.credentialSubject.achievement.name = "Thanh toán trực tuyến")],
    ["validFrom", (c) => void (c.validFrom = "2026-02-01T09:05:00.000Z")],
    ["a nested achievement field (the criteria)", (c) => void (c.credentialSubject.achievement.criteria.narrative = "Không cần học.")],
    ["the achievement's level tag", (c) => void (c.credentialSubject.achievement.tag[2] = "Mức 8")],
    ["the holder's name", (c) => void (c.credentialSubject.identifier![0]!.identityHash = "Nguyễn Thị Hồng Nhàn")],
    ["the final score", (c) => void (c.credentialSubject.result![0]!.value = "100")],
    ["the issuer's name", (c) => void (c.issuer.name = "Trường Đại học Không Có Thật")],
    ["the certificate URL", (c) => void (c.id = "http://localhost:3000/chung-nhan/AAAAAAAAAAAAAAAAAAAAAA")],
    ["an added field", (c) => Object.assign(c, { validUntil: "2099-01-01T00:00:00.000Z" })],
    ["the proof's date", (c) => void (c.proof.created = "2020-01-01T00:00:00Z")],
    [
      "one character of the proof value",
      (c) => {
        const value = c.proof.proofValue;
        const i = Math.floor(value.length / 2);
        c.proof.proofValue = value.slice(0, i) + (value[i] === "A" ? "B" : "A") + value.slice(i + 1);
      },
    ],
  ])("fails once %s changes", async (_field, change) => {
    const credential = await sign();
    expect((await verifyCredential(credential)).verified).toBe(true);
    const tampered = copy(credential);
    change(tampered);
    const result = await verifyCredential(tampered);
    expect(result.verified).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  test("an expired certificate is reported as expired, with its signature still genuine", async () => {
    const credential = await sign({ ...sampleSnapshot, expiresAt: "2026-09-01T00:00:00.000Z" });
    expect(await verifyCredential(credential, { now: new Date("2026-08-31T00:00:00Z") })).toEqual({ verified: true, errors: [] });
    expect(await verifyCredential(credential, { now: new Date("2026-09-02T00:00:00Z") })).toEqual({
      verified: false,
      errors: ["expired on 2026-09-01T00:00:00.000Z (the signature is genuine)"],
    });
    const forged = copy(credential);
    forged.name = "Chứng nhận giả";
    const result = await verifyCredential(forged, { now: new Date("2026-09-02T00:00:00Z") });
    expect(result.verified).toBe(false);
    expect(result.errors.join(" ")).not.toMatch(/expired/);
  });

  test("a credential signed with a key this issuer never published fails", async () => {
    const unsigned = certificateCredential({ snapshot: sampleSnapshot, certificateUrl: sampleCertificateUrl });
    const stranger = await Ed25519Multikey.generate({ controller: issuerUrl() });
    const forged = await vc.issue({
      credential: unsigned,
      suite: new DataIntegrityProof({ signer: stranger.signer(), cryptosuite }),
      documentLoader: credentialDocumentLoader(),
    });
    expect((forged.proof as { verificationMethod: string }).verificationMethod).toBe(`${issuerUrl()}#${stranger.publicKeyMultibase}`);
    const result = await verifyCredential(forged);
    expect(result.verified).toBe(false);
    expect(result.errors.join(" ")).toMatch(/not found in document loader/);
  });

  test("a credential from another issuer is refused before any key is looked up", async () => {
    const credential = copy(await sign());
    credential.issuer.id = "https://chung-chi.example.vn/issuer";
    expect(await verifyCredential(credential)).toEqual({
      verified: false,
      errors: ['issued by "https://chung-chi.example.vn/issuer", not by this site\'s issuer http://localhost:3000/issuer'],
    });
    expect((await verifyCredential("not json")).verified).toBe(false);
    expect((await verifyCredential(null)).verified).toBe(false);
  });

  test("never uses the network: an unknown @context fails cleanly instead of being fetched", async () => {
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const httpSpy = vi.spyOn(http, "request");
    const httpsSpy = vi.spyOn(https, "request");
    const credential = copy(await sign());
    (credential["@context"] as string[]).push("https://example.org/contexts/unknown-v1.jsonld");
    const result = await verifyCredential(credential);
    expect(result.verified).toBe(false);
    expect(result.errors.join(" ")).toMatch(/Document not found in document loader: https:\/\/example\.org\/contexts\/unknown-v1\.jsonld/);
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(httpSpy).not.toHaveBeenCalled();
    expect(httpsSpy).not.toHaveBeenCalled();
  });

  test("every term has a definition in the Open Badges and VC contexts (none falls to the issuer-dependent vocabulary)", async () => {
    const credential = await sign();
    const nquads = await cryptosuite.canonize(credential, { documentLoader: credentialDocumentLoader(), safe: true, base: null });
    expect(nquads).toContain("<https://purl.imsglobal.org/spec/vc/ob/vocab.html#Achievement>");
    expect(nquads).not.toContain("issuer-dependent");
    // The issuer profile too, read as JSON-LD by anyone who fetches /issuer.
    const profile = await cryptosuite.canonize(issuerProfile(), { documentLoader: credentialDocumentLoader(), safe: true, base: null });
    expect(profile).toContain("<https://w3id.org/security#assertionMethod>");
    expect(profile).not.toContain("issuer-dependent");
  });
});

describe("the published Open Badges 3.0 JSON schema", () => {
  const schemaFile = path.resolve(import.meta.dirname, "../../fixtures/ob_v3p0_achievementcredential_schema.json");
  const published = JSON.parse(fs.readFileSync(schemaFile, "utf8")) as {
    required: string[];
    properties: Record<string, unknown>;
  };
  // The stored revision (tests/fixtures/README.md) still names the VC 1.1
  // dates; Open Badges 3.0 final, on VC 2.0, calls them validFrom and
  // validUntil. Only those two names change; the rest is checked as published.
  const rename = (name: string) => ({ issuanceDate: "validFrom", expirationDate: "validUntil" })[name] ?? name;
  const schema = {
    ...published,
    required: published.required.map(rename),
    properties: Object.fromEntries(Object.entries(published.properties).map(([name, value]) => [rename(name), value])),
  };
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  test.each([
    ["a full certificate", sampleSnapshot],
    ["a deleted account's certificate, without a final quiz, that expires", { ...sampleSnapshot, holderName: null, finalScore: null, expiresAt: "2099-03-01T00:00:00.000Z" }],
  ])("%s is valid", async (_name, snapshot) => {
    const credential = await sign(snapshot);
    expect(validate(credential), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  test("the check is real: a credential missing what the schema requires is not valid", async () => {
    const credential = copy(await sign()) as Partial<SignedOpenBadgeCredential>;
    delete credential.validFrom;
    expect(validate(credential)).toBe(false);
    const noCriteria = copy(await sign());
    delete (noCriteria.credentialSubject.achievement as Partial<typeof noCriteria.credentialSubject.achievement>).criteria;
    expect(validate(noCriteria)).toBe(false);
  });
});

describe("key rotation", () => {
  test("a new key signs from then on, and what the old key signed still verifies", async () => {
    const before = await sign();
    const keysBefore = readIssuerKeys().length;
    const added = await rotateIssuerKey();
    expect(readIssuerKeys()).toHaveLength(keysBefore + 1);
    const after = await sign();
    expect(after.proof.verificationMethod).toBe(`${issuerUrl()}#${added.publicKeyMultibase}`);
    expect(after.proof.verificationMethod).not.toBe(before.proof.verificationMethod);
    expect(issuerProfile().assertionMethod).toEqual(expect.arrayContaining([before.proof.verificationMethod, after.proof.verificationMethod]));
    expect(await verifyCredential(before)).toEqual({ verified: true, errors: [] });
    expect(await verifyCredential(after)).toEqual({ verified: true, errors: [] });
  });
});
