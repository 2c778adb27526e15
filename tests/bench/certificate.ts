/**
 * `npm run bench:certificate`: what one certificate PDF costs on this machine.
 *
 * - cold: the first PDF of a process, reading the font files included;
 * - warm: the mean of 20 more;
 * - the size of the PDF, for the README's sample and for a deleted account's.
 *
 * `npm run bench:certificate -- --write-sample` also rewrites
 * docs/sample-certificate.pdf and its preview docs/sample-certificate.png
 * (which needs pdftoppm, from poppler-utils).
 *
 * Needs no database: the PDF is a function of the snapshot.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sampleSnapshot, sampleVerifyUrl } from "../fixtures/certificate";
import { machine, summary, time } from "./scratch";

const root = path.resolve(import.meta.dirname, "../..");

let started = performance.now();
const { renderCertificatePdf } = await import("~/models/certificate-pdf.server");
const importMs = performance.now() - started;

const render = (snapshot = sampleSnapshot) => renderCertificatePdf({ snapshot, verifyUrl: sampleVerifyUrl });

// CPU time beside wall time: on a busy machine the wall time also counts other processes' turns.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

started = performance.now();
let cpu = process.cpuUsage();
const sample = await render();
const coldMs = performance.now() - started;
const coldCpuMs = cpuMs(cpu);

console.log(`certificate PDF on ${machine()}, load average ${os.loadavg()[0]!.toFixed(1)}\n`);
console.log(`${"import the renderer (pdf-lib, fontkit, qrcode)".padEnd(52)} ${importMs.toFixed(0).padStart(6)} ms`);
console.log(`${"first PDF of the process (reads the fonts), cold".padEnd(52)} ${coldMs.toFixed(0).padStart(6)} ms   CPU ${coldCpuMs.toFixed(0)} ms`);
cpu = process.cpuUsage();
const warm = await time(20, () => render());
summary("one PDF, warm", warm, `CPU ${(cpuMs(cpu) / warm.length).toFixed(0)} ms   `);

const deleted = await render({ ...sampleSnapshot, holderName: null, unitName: null, position: null, provinceName: null });
const kb = (bytes: Uint8Array) => `${(bytes.length / 1024).toFixed(1)} KB (${bytes.length} bytes)`;
console.log(`${"size: the README's sample".padEnd(52)} ${kb(sample)}`);
console.log(`${"size: a deleted account's certificate".padEnd(52)} ${kb(deleted)}`);

if (process.argv.includes("--write-sample")) {
  const pdf = path.join(root, "docs/sample-certificate.pdf");
  fs.writeFileSync(pdf, sample);
  const preview = spawnSync("pdftoppm", ["-png", "-r", "60", "-singlefile", pdf, pdf.replace(/\.pdf$/, "")], { stdio: "inherit" });
  if (preview.error || preview.status !== 0) {
    console.error("pdftoppm failed: install poppler-utils (sudo apt-get install -y poppler-utils) for the PNG preview.");
    process.exitCode = 1;
  } else {
    console.log(`\nwrote ${path.relative(root, pdf)} and docs/sample-certificate.png`);
  }
}
