import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll } from "vitest";
import { templateDatabase, testTmpDir } from "./paths";

// Runs before each test file, before any app module is imported: point the
// app at a private copy of the migrated template, so files never share rows
// and no test mocks the database.
const file = path.join(testTmpDir, `test-${process.pid}-${crypto.randomUUID()}.db`);
fs.copyFileSync(templateDatabase, file);
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
// Certificate signing keys of their own too, made when a test first needs them.
const keyFile = path.join(testTmpDir, `issuer-keys-${process.pid}-${crypto.randomUUID()}.json`);
process.env.CERTIFICATE_KEY_FILE = keyFile;

afterAll(async () => {
  const { db } = await import("~/utils/db.server");
  await db.$disconnect();
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.rmSync(keyFile, { force: true });
});
