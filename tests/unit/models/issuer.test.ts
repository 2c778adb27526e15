import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { testTmpDir } from "../../setup/paths";
import {
  currentIssuerKey,
  ensureIssuerKey,
  issuerKeyFile,
  issuerProfile,
  readIssuerKeys,
  rotateIssuerKey,
} from "~/models/issuer.server";
import { loader } from "~/routes/issuer";
import { parseEnv } from "~/utils/env.server";

const folder = path.join(testTmpDir, `issuer-${process.pid}-${crypto.randomUUID()}`);
const fresh = (name: string) => path.join(folder, name, "issuer-keys.json");

afterAll(() => {
  fs.rmSync(folder, { recursive: true, force: true });
});

describe("the certificate signing key", () => {
  test("is made on the first start, readable by its owner only, and kept on later starts", async () => {
    const file = fresh("first-start");
    const first = await ensureIssuerKey({ file, now: new Date("2026-01-05T00:00:00Z") });
    expect(first).toEqual({ file, created: true, keys: 1 });
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const [key] = readIssuerKeys({ file });
    expect(key).toMatchObject({ label: "key-1", created: "2026-01-05T00:00:00.000Z" });
    expect(key!.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(await ensureIssuerKey({ file })).toEqual({ file, created: false, keys: 1 });
    expect(readIssuerKeys({ file })).toEqual([key]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(["issuer-keys.json"]);
  });

  test("two processes starting together on a fresh folder end up with one key between them", async () => {
    const file = fresh("together");
    const results = await Promise.all([ensureIssuerKey({ file }), ensureIssuerKey({ file }), ensureIssuerKey({ file })]);
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(readIssuerKeys({ file })).toHaveLength(1);
  });

  test("a damaged key file stops the start with a message naming the file", async () => {
    const file = fresh("damaged");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '{"format":"hoc-so/issuer-keys/1","keys":[{"label":"key-1"}]}');
    await expect(ensureIssuerKey({ file })).rejects.toMatchObject({ name: "StartupError", message: expect.stringContaining(file) });
    fs.writeFileSync(file, "{ not json");
    await expect(ensureIssuerKey({ file })).rejects.toThrow(/cannot be read/);
  });

  test("rotation adds a newer key, which signs, and keeps the older ones", async () => {
    const file = fresh("rotation");
    await ensureIssuerKey({ file, now: new Date("2026-01-05T00:00:00Z") });
    const added = await rotateIssuerKey({ file, now: new Date("2026-06-01T00:00:00Z") });
    expect(added.label).toBe("key-2");
    expect(readIssuerKeys({ file }).map((key) => key.label)).toEqual(["key-1", "key-2"]);
    expect(currentIssuerKey({ file })).toEqual(added);
    if (process.platform !== "win32") expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  test("lives beside the database unless CERTIFICATE_KEY_FILE says where", () => {
    expect(issuerKeyFile(parseEnv({ DATABASE_URL: "file:/srv/hocso/data.db" }))).toBe("/srv/hocso/issuer-keys.json");
    const elsewhere = parseEnv({ DATABASE_URL: "file:/srv/hocso/data.db", CERTIFICATE_KEY_FILE: "/run/secrets/keys.json" });
    expect(issuerKeyFile(elsewhere)).toBe("/run/secrets/keys.json");
    expect(() => parseEnv({ CERTIFICATE_KEY_FILE: "/run/secrets/keys" })).toThrow(/CERTIFICATE_KEY_FILE/);
  });
});

describe("the issuer profile at /issuer", () => {
  test("is an Open Badges Profile listing every public key, and never a secret one", async () => {
    const file = fresh("profile");
    await ensureIssuerKey({ file });
    await rotateIssuerKey({ file });
    const profile = issuerProfile({ file, publicUrl: "https://hocso.example.gov.vn", name: "Sở Giáo dục và Đào tạo" });
    const keys = readIssuerKeys({ file });
    expect(profile).toMatchObject({ id: "https://hocso.example.gov.vn/issuer", type: ["Profile"], name: "Sở Giáo dục và Đào tạo" });
    expect(profile.verificationMethod).toEqual(
      keys.map((key) => ({
        id: `https://hocso.example.gov.vn/issuer#${key.publicKeyMultibase}`,
        type: "Multikey",
        controller: "https://hocso.example.gov.vn/issuer",
        publicKeyMultibase: key.publicKeyMultibase,
      })),
    );
    expect(profile.assertionMethod).toEqual(profile.verificationMethod.map((key) => key.id));
    const text = JSON.stringify(profile);
    expect(text).not.toContain("secretKeyMultibase");
    for (const key of keys) expect(text).not.toContain(key.secretKeyMultibase);
  });

  test("is served as JSON-LD that any site may read", async () => {
    await ensureIssuerKey();
    const response = loader();
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/ld+json; charset=utf-8");
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe("*");
    const body = (await response.json()) as { id: string; assertionMethod: string[] };
    expect(body.id).toBe("http://localhost:3000/issuer");
    expect(body.assertionMethod).toHaveLength(readIssuerKeys().length);
  });
});
