import { defineConfig, devices } from "@playwright/test";
import { findChromium, installAdvice } from "./tests/setup/browser";

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const baseURL = `http://localhost:${PORT}`;

const browser = findChromium();
if (browser.kind === "none") throw new Error(installAdvice);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // Two workers keep both cores of our machines busy while the server answers.
  workers: 2,
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [["list"], ["json"]] : [["list"]],
  // Account flows visit many pages, and each is checked with axe afterwards.
  timeout: 60_000,
  use: {
    baseURL,
    locale: "vi-VN",
    trace: "retain-on-failure",
    ...devices["Pixel 7"],
    browserName: "chromium",
    launchOptions:
      browser.kind === "system"
        ? {
            executablePath: browser.executablePath,
            // Without these, Debian's Chromium keeps trying to reach Google's
            // services, which a closed network refuses many times a second.
            args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
          }
        : {},
  },
  webServer: {
    // The production server on a database of its own, made fresh each run.
    command: "node -e \"for (const s of ['', '-wal', '-shm']) require('fs').rmSync('tests/.tmp/e2e.db' + s, { force: true })\" && npm start",
    url: `${baseURL}/healthz`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(PORT),
      PUBLIC_URL: baseURL,
      DATABASE_URL: "file:./tests/.tmp/e2e.db",
      // The tests sign in as the demo accounts, one per role.
      DEMO_ACCOUNTS: "on",
    },
  },
});
