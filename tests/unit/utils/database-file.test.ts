import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, test } from "vitest";
import { databaseFileProblem } from "~/utils/database-file.server";

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) {
    spawnSync("chattr", ["-R", "-i", dir]);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hocso-dbfile-"));
  made.push(dir);
  return dir;
}

/** Immutable even for root, as a read-only mount is (our tests and CI run as root, which chmod does not stop). */
function makeImmutable(target: string) {
  const result = spawnSync("chattr", ["+i", target], { encoding: "utf8" });
  expect(result.status, `chattr +i ${target}: ${result.stderr}`).toBe(0);
}

test("a writable folder, with or without the file, is fine; a missing folder is made", () => {
  const dir = tempDir();
  expect(databaseFileProblem(path.join(dir, "data.db"))).toBeNull();
  fs.writeFileSync(path.join(dir, "data.db"), "");
  expect(databaseFileProblem(path.join(dir, "data.db"))).toBeNull();
  expect(databaseFileProblem(path.join(dir, "new/folder/data.db"))).toBeNull();
  expect(fs.existsSync(path.join(dir, "new/folder"))).toBe(true);
});

test("a folder that cannot be written is named, with what to do", () => {
  const dir = tempDir();
  makeImmutable(dir);
  const problem = databaseFileProblem(path.join(dir, "data.db"));
  expect(problem).toContain(`The folder ${dir} is not writable`);
  expect(problem).toContain("DATABASE_URL");
});

test("a database file that cannot be written is named", () => {
  const dir = tempDir();
  const file = path.join(dir, "data.db");
  fs.writeFileSync(file, "");
  makeImmutable(file);
  expect(databaseFileProblem(file)).toContain(`The database file ${file} cannot be read and written`);
});

test("a folder that cannot be made is named", () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, "not-a-folder"), "");
  expect(databaseFileProblem(path.join(dir, "not-a-folder/data.db"))).toContain("cannot be created");
});
