import crypto from "node:crypto";
import { db, isDatabaseUnavailable, writeHealth } from "~/utils/db.server";

type Health = { ok: true } | { ok: false; error: string };

/**
 * Whether the database can serve requests: it answers reads of a real table
 * (so the migrations ran), and writes are not failing. After a write failed
 * for lack of space or an I/O error, the check tries a small write of its
 * own, so it turns healthy again by itself once space is back.
 */
export async function checkDatabase(): Promise<Health> {
  try {
    await db.province.count();
    if (writeHealth().failingSince) {
      const data = { filler: crypto.randomBytes(16 * 1024), checkedAt: new Date() };
      await db.healthProbe.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    }
    return { ok: true };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { ok: false, error: error.reason };
    return { ok: false, error: error instanceof Error ? (error.message.split("\n")[0] ?? "error") : "error" };
  }
}
