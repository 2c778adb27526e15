/**
 * `npm run bench:pages [-- http://localhost:3000]`: what a browser downloads
 * for the main pages, compressed as sent (Resource Timing's encodedBodySize),
 * split into HTML, JavaScript and CSS. Start the server first (npm start).
 */
import { chromium } from "@playwright/test";
import { findChromium, installAdvice } from "../setup/browser";

const base = process.argv[2] ?? "http://localhost:3000";
const pages = [
  "/",
  "/courses",
  "/courses?q=dich+vu+cong",
  "/courses/thanh-toan-truc-tuyen",
  "/courses/thanh-toan-truc-tuyen/thanh-toan-bang-ma-qr",
  "/courses/cau-chuyen-chuyen-doi-so-dia-phuong/lao-cai-cua-khau-so-va-lgsp",
  "/sign-in",
  "/sign-up",
];

const choice = findChromium();
if (choice.kind === "none") {
  console.error(installAdvice);
  process.exit(1);
}
const browser = await chromium.launch(
  choice.kind === "system"
    ? { executablePath: choice.executablePath, args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] }
    : {},
);

type Entry = { name: string; initiatorType: string; encodedBodySize: number; decodedBodySize: number };
const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(6);

console.log(`page weight at ${base} (KB compressed as sent / decoded)`);
console.log("page".padEnd(72), "  html gz", "  js gz(n)", "  js raw", "  css gz");
for (const path of pages) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(base + path, { waitUntil: "networkidle" });
  const { navigation, resources } = await page.evaluate(() => ({
    navigation: performance.getEntriesByType("navigation")[0]?.toJSON() as Entry,
    resources: performance.getEntriesByType("resource").map((e) => e.toJSON() as Entry),
  }));
  const js = resources.filter((r) => r.name.endsWith(".js"));
  const css = resources.filter((r) => r.name.endsWith(".css"));
  const sum = (list: Entry[], key: "encodedBodySize" | "decodedBodySize") => list.reduce((n, r) => n + r[key], 0);
  console.log(
    path.padEnd(72),
    kb(navigation.encodedBodySize).padStart(9),
    `${kb(sum(js, "encodedBodySize"))}(${js.length})`.padStart(10),
    kb(sum(js, "decodedBodySize")).padStart(8),
    kb(sum(css, "encodedBodySize")).padStart(8),
  );
  await context.close();
}
await browser.close();
