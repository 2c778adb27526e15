import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/**
 * The project folder (where package.json is), so relative paths in settings
 * mean the same from any working directory, whether this module runs from
 * app/ or bundled into build/.
 */
export const projectRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
})();

const sqliteFile = z
  .string()
  .trim()
  .regex(/^file:.+/, "must start with file: followed by a path, e.g. file:./prisma/data.db")
  .transform((url) => {
    const file = url.slice("file:".length);
    return `file:${path.isAbsolute(file) ? file : path.resolve(projectRoot, file)}`;
  });

const trustProxyMessage =
  "must be a number of proxy hops (1 or more), or a comma-separated list of proxy addresses, CIDR ranges (10.0.0.0/8) or loopback, linklocal, uniquelocal";

/** Express's names for address ranges (proxy-addr). */
const proxyRanges = ["loopback", "linklocal", "uniquelocal"];

function isProxyAddress(entry: string): boolean {
  if (proxyRanges.includes(entry) || net.isIP(entry) !== 0) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const version = net.isIP(address);
  if (version === 0 || rest.length > 0 || !bits || !/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Which peers may tell us the client's address (X-Forwarded-For) and the
 * scheme, in the forms Express's "trust proxy" takes. Unset trusts nobody:
 * otherwise anyone could pick the address that rate limits count against.
 * "true" (trust every hop) is refused for the same reason.
 */
const trustProxy = z
  .string()
  .trim()
  .optional()
  .transform((value, ctx): false | number | string[] => {
    if (value === undefined) return false;
    if (/^\d+$/.test(value) && Number(value) >= 1) return Number(value);
    const entries = value.split(",").map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    ctx.addIssue({ code: "custom", message: trustProxyMessage });
    return z.NEVER;
  });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().trim().min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ invalid_type_error: "must be a whole number from 1 to 65535" })
    .int("must be a whole number from 1 to 65535")
    .min(1, "must be a whole number from 1 to 65535")
    .max(65535, "must be a whole number from 1 to 65535")
    .default(3000),
  PUBLIC_URL: z
    .string()
    .trim()
    .url("must be a full address such as https://hocso.example.gov.vn")
    .transform((u) => u.replace(/\/+$/, ""))
    .default("http://localhost:3000"),
  TRUST_PROXY: trustProxy,
  DATABASE_URL: sqliteFile.default("file:./prisma/data.db"),
  // FULL: a write the server has acknowledged survives a power cut. NORMAL
  // is faster and still consistent after any crash, but a power cut can undo
  // the last commits (docs/decisions/0010-sqlite-layer.md).
  SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("FULL"),
  /**
   * How long a request waits for the database's write lock (held by another
   * request, a backup or another process) before it gets a 503, in ms.
   */
  SQLITE_LOCK_TIMEOUT_MS: z.coerce
    .number({ invalid_type_error: "must be a number of milliseconds from 100 to 60000" })
    .int("must be a number of milliseconds from 100 to 60000")
    .min(100, "must be a number of milliseconds from 100 to 60000")
    .max(60_000, "must be a number of milliseconds from 100 to 60000")
    .default(3000),
  /** Largest request body accepted, in bytes. Forms here are small; uploads are not part of the product. */
  MAX_BODY_BYTES: z.coerce
    .number({ invalid_type_error: "must be a number of bytes, at least 1024" })
    .int("must be a number of bytes, at least 1024")
    .min(1024, "must be a number of bytes, at least 1024")
    .default(1024 * 1024),
  /** One line per request and every server error go to standard output at this level; "silent" for tests. */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Where email goes, e.g. smtps://user:password@smtp.example.vn:465. Unset,
   * messages wait in the outbox for an admin (utils/mail.server.ts).
   */
  SMTP_URL: z
    .string()
    .trim()
    .regex(/^smtps?:\/\/.+/, "must look like smtp://user:password@host:587 or smtps://user:password@host:465")
    .optional(),
  MAIL_FROM: z.string().trim().min(3).default("Học Số <no-reply@localhost>"),
  /**
   * The organisation that issues certificates, as the PDF and the signed
   * credential name it (the issuer profile at /issuer). Issued certificates
   * keep the name they were issued with.
   */
  CERTIFICATE_ISSUER_NAME: z
    .string()
    .trim()
    .min(3, "must be the issuing organisation's name, at least 3 characters")
    .max(200, "must be at most 200 characters")
    .transform((name) => name.normalize("NFC"))
    .default("Học Số — Nền tảng học tập kỹ năng số"),
  /**
   * The file with the certificate signing keys. Unset: issuer-keys.json
   * beside the database. Relative paths are from the project folder.
   */
  CERTIFICATE_KEY_FILE: z
    .string()
    .trim()
    .regex(/\.json$/, "must be the path of a .json file, e.g. /srv/hocso/issuer-keys.json")
    .transform((file) => (path.isAbsolute(file) ? file : path.resolve(projectRoot, file)))
    .optional(),
  /**
   * Demo accounts (README), one per role with a published password, for
   * trying the product (`npm run demo`). Off unless asked for: a real
   * deployment must never have them; when off, any left over are disabled.
   */
  DEMO_ACCOUNTS: z
    .enum(["on", "off"], { errorMap: () => ({ message: "must be on or off" }) })
    .default("off")
    .transform((v) => v === "on"),
});

export type Env = z.infer<typeof schema>;

/** Thrown with one readable line per wrong variable, so start-up fails loudly and clearly. */
export class EnvError extends Error {
  override name = "EnvError";
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable means "not set": shells and .env files often leave them so.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map(
    (issue) => `  ${issue.path.join(".")}: ${issue.message} (got ${JSON.stringify(source[String(issue.path[0])])})`,
  );
  throw new EnvError(`Invalid environment settings (see .env.example):\n${lines.join("\n")}`);
}

let cached: Env | undefined;

/** The parsed settings of this process. Parsed once, on first use at start-up. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The SQLite file path behind DATABASE_URL. */
export function databaseFile(settings: Env = env()): string {
  return settings.DATABASE_URL.slice("file:".length);
}
