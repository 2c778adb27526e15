/**
 * `npm test`: every check a change must pass, in the order that fails
 * fastest, with the time of each phase and one closing summary line.
 * Every phase runs even after a failure, so one run shows everything wrong.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { findChromium, installAdvice } from "../../tests/setup/browser";
import { missingPopplerTools, popplerAdvice } from "../../tests/setup/poppler";
import { projectRoot } from "~/utils/env.server";

const tmp = path.join(projectRoot, "tests/.tmp");
fs.mkdirSync(tmp, { recursive: true });
const vitestReport = path.join(tmp, "vitest.json");
const playwrightReport = path.join(tmp, "playwright.json");

type Phase = { name: string; seconds: number; ok: boolean };
const phases: Phase[] = [];

function run(name: string, command: string, args: string[], env: Record<string, string> = {}) {
  console.log(`\n▶ ${name}: ${[command, ...args].join(" ")}`);
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: projectRoot, stdio: "inherit", env: { ...process.env, ...env } });
  const phase = { name, seconds: (performance.now() - started) / 1000, ok: result.status === 0 };
  phases.push(phase);
  return phase.ok;
}

function ensureBrowser(): boolean {
  if (findChromium().kind !== "none") return true;
  console.log("No Chromium found: trying Playwright's own download.");
  const install = spawnSync("npx", ["playwright", "install", "chromium"], { stdio: "inherit", timeout: 180_000 });
  if (install.status === 0 && findChromium().kind !== "none") return true;
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    console.log("Playwright's download failed: installing Debian's chromium package.");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "chromium"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (findChromium().kind !== "none") return true;
  }
  console.error(`\n${installAdvice}\n`);
  return false;
}

/** The certificate tests read PDFs with poppler-utils; as root on Debian, install it, else say how. */
function ensurePoppler(): boolean {
  if (missingPopplerTools().length === 0) return true;
  if (process.getuid?.() === 0 && fs.existsSync("/usr/bin/apt-get")) {
    console.log("No pdftotext found: installing Debian's poppler-utils package.");
    spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit" });
    spawnSync("apt-get", ["install", "-y", "-qq", "poppler-utils"], { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
    if (missingPopplerTools().length === 0) return true;
  }
  console.error(`\n${popplerAdvice}\n`);
  return false;
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

for (const file of [vitestReport, playwrightReport]) fs.rmSync(file, { force: true });

run("typecheck", "npx", ["tsc"]);
run("lint", "npx", ["eslint", "--max-warnings", "0", "."]);
// Without poppler-utils the certificate tests fail and say why; the other tests still run.
ensurePoppler();
run("unit and integration tests", "npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestReport}`,
]);
if (fs.existsSync(path.join(projectRoot, "app/cli/content-check.ts"))) {
  run("content check", "npx", ["tsx", "app/cli/content-check.ts"]);
}
const built = run("build", "npm", ["run", "build", "--silent"]);
if (built && ensureBrowser()) {
  run("end-to-end tests", "npx", ["playwright", "test"], { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport });
} else {
  phases.push({ name: "end-to-end tests", seconds: 0, ok: false });
}

const unit = readJson(vitestReport) as { numPassedTests?: number; numFailedTests?: number } | null;
const e2e = readJson(playwrightReport) as { stats?: { expected?: number; unexpected?: number; flaky?: number } } | null;
const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const failedTests = (unit?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0);
const failedPhases = phases.filter((p) => !p.ok);

console.log("\nPhase times:");
for (const p of phases) console.log(`  ${p.ok ? "ok  " : "FAIL"}  ${p.name.padEnd(28)} ${p.seconds.toFixed(1).padStart(6)} s`);
console.log(
  `  unit ${unit?.numPassedTests ?? 0} passed / ${unit?.numFailedTests ?? 0} failed; ` +
    `e2e ${e2e?.stats?.expected ?? 0} passed / ${e2e?.stats?.unexpected ?? 0} failed`,
);
// A phase that failed without failing a test (typecheck, lint, content) still counts as a failure.
const failed = failedTests + (failedTests === 0 ? failedPhases.length : 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failedPhases.length > 0 ? 1 : 0);
