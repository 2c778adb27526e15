import { spawnSync } from "node:child_process";

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
