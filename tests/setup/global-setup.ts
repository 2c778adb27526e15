import fs from "node:fs";
import { migrateScratchDatabase } from "../../prisma/migrations";
import { templateDatabase, testTmpDir } from "./paths";

/** Applies the real migrations once, to a template every test file copies. */
export default function setup() {
  fs.mkdirSync(testTmpDir, { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(templateDatabase + suffix, { force: true });
  migrateScratchDatabase(templateDatabase);
}
