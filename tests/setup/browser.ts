import fs from "node:fs";
import { chromium } from "@playwright/test";

/** Where Debian and Ubuntu put their Chromium packages. */
const systemChromiums = ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

export type BrowserChoice = { kind: "playwright" } | { kind: "system"; executablePath: string } | { kind: "none" };

/** Playwright's own Chromium where it is installed, else the system's, else none. */
export function findChromium(): BrowserChoice {
  try {
    if (fs.existsSync(chromium.executablePath())) return { kind: "playwright" };
  } catch {
    // Playwright throws when it has no browser registry entry: fall through.
  }
  const candidates = [process.env.CHROMIUM_PATH, ...systemChromiums].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => fs.existsSync(p));
  return found ? { kind: "system", executablePath: found } : { kind: "none" };
}

export const installAdvice = [
  "No Chromium found for the end-to-end tests. Install one of:",
  "  npx playwright install chromium            (Playwright's own build, where its download site is reachable)",
  "  sudo apt-get install -y chromium           (Debian's package; Ubuntu: chromium-browser)",
  "or set CHROMIUM_PATH to a Chromium or Chrome executable.",
].join("\n");
