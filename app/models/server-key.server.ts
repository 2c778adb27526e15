/**
 * Secrets the server makes for itself, such as the key that signs device
 * cookies. Each is made the first time it is needed (start-up asks, so the
 * first start makes them) and kept in the database: it survives restarts
 * and upgrades, every process sharing the file uses the same one, it is
 * backed up with the data it protects, and it is never in git
 * (docs/decisions/0007-accounts-and-sessions.md).
 *
 * Deleting a row and restarting makes a new key: every cookie signed with
 * the old one is then ignored.
 */
import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { db } from "~/utils/db.server";

export type ServerKeyName = "device-cookie";

const loaded = new Map<ServerKeyName, Promise<string>>();

/** The key of that name, made now if the database has none. Read once per process. */
export function serverKey(name: ServerKeyName): Promise<string> {
  let key = loaded.get(name);
  if (!key) {
    key = loadOrCreate(name);
    loaded.set(name, key);
    // A failed read (the database not ready yet) is tried again next time.
    key.catch(() => loaded.delete(name));
  }
  return key;
}

async function loadOrCreate(name: ServerKeyName): Promise<string> {
  const existing = await db.serverKey.findUnique({ where: { name }, select: { value: true } });
  if (existing) return existing.value;
  const value = crypto.randomBytes(32).toString("base64url");
  try {
    await db.serverKey.create({ data: { name, value } });
    return value;
  } catch (error) {
    // Another process sharing the database made it first: use theirs.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return (await db.serverKey.findUniqueOrThrow({ where: { name }, select: { value: true } })).value;
    }
    throw error;
  }
}
