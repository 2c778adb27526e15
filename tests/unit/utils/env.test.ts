import path from "node:path";
import { describe, expect, test } from "vitest";
import { EnvError, parseEnv, projectRoot } from "~/utils/env.server";

describe("parseEnv", () => {
  test("has defaults that work on a laptop", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBe(`file:${path.join(projectRoot, "prisma/data.db")}`);
    expect(env.SQLITE_SYNCHRONOUS).toBe("FULL");
  });

  test("defaults are for a real deployment: demo accounts only when asked for", () => {
    expect(parseEnv({}).DEMO_ACCOUNTS).toBe(false);
    expect(parseEnv({ DEMO_ACCOUNTS: "on" }).DEMO_ACCOUNTS).toBe(true);
  });

  test("names the certificate issuer in Vietnamese by default, stored as NFC", () => {
    expect(parseEnv({}).CERTIFICATE_ISSUER_NAME).toBe("Học Số — Nền tảng học tập kỹ năng số");
    const decomposed = "Sở Thông tin và Truyền thông".normalize("NFD");
    expect(parseEnv({ CERTIFICATE_ISSUER_NAME: decomposed }).CERTIFICATE_ISSUER_NAME).toBe(decomposed.normalize("NFC"));
    expect(() => parseEnv({ CERTIFICATE_ISSUER_NAME: "x" })).toThrow(/CERTIFICATE_ISSUER_NAME/);
  });

  test("treats empty variables as unset", () => {
    expect(parseEnv({ PORT: "" }).PORT).toBe(3000);
  });

  test("names the wrong variable and what it got", () => {
    expect(() => parseEnv({ PORT: "eighty" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "eighty" })).toThrow('PORT: must be a whole number from 1 to 65535 (got "eighty")');
    expect(() => parseEnv({ PORT: "70000" })).toThrow("PORT: must be a whole number from 1 to 65535");
    expect(() => parseEnv({ DATABASE_URL: "postgres://x" })).toThrow(/DATABASE_URL: must start with file:/);
    expect(() => parseEnv({ PUBLIC_URL: "localhost" })).toThrow(/PUBLIC_URL/);
  });

  test("resolves relative database paths against the project, not the working directory", () => {
    expect(parseEnv({ DATABASE_URL: "file:./x/y.db" }).DATABASE_URL).toBe(`file:${path.join(projectRoot, "x/y.db")}`);
    expect(parseEnv({ DATABASE_URL: "file:/srv/hoc-so.db" }).DATABASE_URL).toBe("file:/srv/hoc-so.db");
  });

  test("drops a trailing slash from the public URL", () => {
    expect(parseEnv({ PUBLIC_URL: "https://hocso.example.vn/" }).PUBLIC_URL).toBe("https://hocso.example.vn");
  });

  test("trusts no forwarded header unless TRUST_PROXY names the proxies", () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "2" }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback" }).TRUST_PROXY).toEqual(["loopback"]);
    expect(parseEnv({ TRUST_PROXY: " loopback, 10.0.0.0/8 ,192.168.1.10, fd00::/8, ::1 " }).TRUST_PROXY).toEqual([
      "loopback",
      "10.0.0.0/8",
      "192.168.1.10",
      "fd00::/8",
      "::1",
    ]);
  });

  test.each(["true", "yes", "0", "-1", "1.5", "10.0.0.0/33", "fd00::/129", "proxy.example.vn", "loopback,", "10.0.0.300"])(
    "refuses TRUST_PROXY=%s with a line that says what it takes",
    (value) => {
      expect(() => parseEnv({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY: must be a number of proxy hops/);
    },
  );

  test("logs at info unless LOG_LEVEL says otherwise", () => {
    expect(parseEnv({}).LOG_LEVEL).toBe("info");
    expect(parseEnv({ LOG_LEVEL: "silent" }).LOG_LEVEL).toBe("silent");
    expect(() => parseEnv({ LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
  });
});
