import { db } from "~/utils/db.server";

export async function checkDatabase(): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    // Reading a real table proves the migrations ran, not just that the file opens.
    await db.province.count();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message.split("\n")[0] ?? "error" : "error" };
  }
}
