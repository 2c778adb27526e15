import { spawnSync } from "node:child_process";
import fs from "node:fs";
import jsQR from "jsqr";
import { PNG } from "pngjs";

/** What the certificate tests read PDFs with: Debian's poppler-utils. */
export const popplerTools = ["pdftotext", "pdftoppm", "pdffonts"] as const;

/** The tools that are not on the PATH. */
export function missingPopplerTools(): string[] {
  return popplerTools.filter((tool) => spawnSync(tool, ["-v"], { stdio: "ignore" }).error !== undefined);
}

export const popplerAdvice = [
  "The certificate PDF tests read PDFs with poppler-utils (pdftotext, pdftoppm, pdffonts). Install it:",
  "  sudo apt-get install -y poppler-utils      (Debian, Ubuntu)",
  "  brew install poppler                       (macOS)",
].join("\n");

/** Throws, with what to install, when a tool is missing: the tests fail rather than skip. */
export function requirePoppler() {
  const missing = missingPopplerTools();
  if (missing.length > 0) throw new Error(`Not found: ${missing.join(", ")}.\n${popplerAdvice}`);
}

/** A PDF's text layer, whitespace collapsed to single spaces. */
export function pdfText(file: string): string {
  requirePoppler();
  const result = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout.replace(/\s+/g, " ").trim();
}

/** The text of the QR code on a PDF's first page, read as a phone's camera would: the page rendered to pixels, then decoded. */
export function pdfQrCode(file: string): string | null {
  requirePoppler();
  const prefix = `${file}.qr`;
  const result = spawnSync("pdftoppm", ["-png", "-r", "150", "-singlefile", file, prefix], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pdftoppm failed: ${result.stderr}`);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
  return jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height)?.data ?? null;
}
