import path from "node:path";
import { describe, expect, test } from "vitest";
import { EnvError, parseEnv, projectRoot } from "~/utils/env.server";

describe("parseEnv", () => {
  test("has defaults that work on a laptop", () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.DATABASE_URL).toBe(`file:${path.join(projectRoot, "prisma/data.db")}`);
    expect(env.SQLITE_SYNCHRONOUS).toBe("NORMAL");
  });

  test("defaults are for a real deployment: demo accounts only when asked for", () => {
    expect(parseEnv({}).DEMO_ACCOUNTS).toBe(false);
    expect(parseEnv({ DEMO_ACCOUNTS: "on" }).DEMO_ACCOUNTS).toBe(true);
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
});
