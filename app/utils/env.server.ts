import fs from "node:fs";
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
  DATABASE_URL: sqliteFile.default("file:./prisma/data.db"),
  // NORMAL keeps the database consistent after any crash; only a power cut
  // can undo the last few commits. Set FULL where that is not acceptable.
  SQLITE_SYNCHRONOUS: z.enum(["NORMAL", "FULL"]).default("NORMAL"),
  /** Largest request body accepted, in bytes. Forms here are small; uploads are not part of the product. */
  MAX_BODY_BYTES: z.coerce
    .number({ invalid_type_error: "must be a number of bytes, at least 1024" })
    .int("must be a number of bytes, at least 1024")
    .min(1024, "must be a number of bytes, at least 1024")
    .default(1024 * 1024),
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
