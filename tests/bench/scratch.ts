/**
 * What every benchmark needs: a migrated database of its own in a temporary
 * folder (so nothing real is touched), and one way to print timings.
 *
 * Call useScratchDatabase() before importing any app module: the app reads
 * DATABASE_URL when its database module loads.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateScratchDatabase } from "../../prisma/migrations";

export function useScratchDatabase() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-bench-"));
  const file = path.join(dir, "bench.db");
  migrateScratchDatabase(file);
  process.env.DATABASE_URL = `file:${file}`;
  process.env.NODE_ENV = "test";
  return { remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

export const machine = () => `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}`;

/** Prints mean and 95th percentile of samples in milliseconds; returns the mean. */
export function summary(label: string, samples: number[], extra = "") {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p95 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))] ?? 0;
  const unit = mean < 1 ? (ms: number) => `${(ms * 1000).toFixed(0)} µs` : (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`${label.padEnd(52)} mean ${unit(mean).padStart(9)}   p95 ${unit(p95).padStart(9)}   ${extra}(n=${samples.length})`);
  return mean;
}

/** Runs fn n times, one after another, and returns each run's milliseconds. */
export async function time(n: number, fn: () => Promise<unknown>) {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
