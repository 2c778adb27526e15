/**
 * The first admin of a new installation (docs/decisions/0012). While no
 * enabled admin exists, every start prints a one-time link to /setup in the
 * server's log; whoever runs the server opens it and creates the admin
 * account there. No password is ever printed or shipped.
 *
 * Only the token's SHA-256 is stored. A link works once, for a day, and only
 * while there is still no admin; each start replaces it.
 */
import crypto from "node:crypto";
import type * as z from "zod/v4-mini";
import { hashPassword, isCommonPassword } from "~/models/password.server";
import { identifierColumns, identifierTaken, insertAccount, isUniqueViolation, searchKeyFor, type FieldProblem } from "~/models/user.server";
import type { Prisma } from "~/generated/prisma/client";
import { hashToken } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { SetupForm } from "~/utils/schemas/account";

const SETUP_LINK_HOURS = 24;

/** A disabled admin (the demo one, once switched off) cannot run anything: it does not count. */
async function adminExists(reader: Pick<Prisma.TransactionClient, "user"> = db): Promise<boolean> {
  return Boolean(await reader.user.findFirst({ where: { role: "admin", disabledAt: null }, select: { id: true } }));
}

/** A new link while the installation has no admin (older links stop working), else null. */
export async function issueSetupLink(): Promise<string | null> {
  await db.setupToken.deleteMany();
  if (await adminExists()) return null;
  const token = crypto.randomBytes(32).toString("base64url");
  await db.setupToken.create({ data: { id: hashToken(token), expiresAt: new Date(Date.now() + SETUP_LINK_HOURS * 3_600_000) } });
  return `${env().PUBLIC_URL}/setup?${new URLSearchParams({ token })}`;
}

/** What start-up prints while there is no admin, or null. */
export async function firstAdminNotice(): Promise<string | null> {
  const url = await issueSetupLink();
  return url
    ? `No admin account yet. To create the first one, open this link (it works once, for ${SETUP_LINK_HOURS} hours; each start prints a new one):\n  ${url}`
    : null;
}

export async function isSetupTokenUsable(token: string): Promise<boolean> {
  const row = await db.setupToken.findUnique({ where: { id: hashToken(token) }, select: { expiresAt: true } });
  return Boolean(row && row.expiresAt > new Date()) && !(await adminExists());
}

export type FirstAdminResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalidToken" }
  | { ok: false; reason: "duplicate" }
  | { ok: false; reason: "field"; problem: FieldProblem };

export async function createFirstAdmin(data: z.infer<typeof SetupForm>): Promise<FirstAdminResult> {
  // The cheap checks first: a wrong link costs no password hash.
  if (!(await isSetupTokenUsable(data.token))) return { ok: false, reason: "invalidToken" };
  if (isCommonPassword(data.password)) return { ok: false, reason: "field", problem: { field: "password", message: "password.common" } };
  if (await identifierTaken(data.identifier)) return { ok: false, reason: "duplicate" };
  const passwordHash = await hashPassword(data.password);
  const contact = identifierColumns(data.identifier);
  try {
    const userId = await db.$transaction(async (tx) => {
      // Claiming the link and using it is one transaction: of two
      // submissions with one link, exactly one makes an admin.
      const claimed = await tx.setupToken.deleteMany({ where: { id: hashToken(data.token), expiresAt: { gt: new Date() } } });
      if (claimed.count !== 1 || (await adminExists(tx))) return null;
      const user = await insertAccount(tx, {
        identifier: data.identifier,
        passwordHash,
        // An admin works for the organisation running Học Số; province and unit can be added on /account.
        columns: { fullName: data.fullName, learnerGroup: "official", searchKey: searchKeyFor({ fullName: data.fullName, ...contact }) },
        answers: data,
        role: "admin",
      });
      await tx.setupToken.deleteMany();
      return user.id;
    });
    return userId ? { ok: true, userId } : { ok: false, reason: "invalidToken" };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "duplicate" };
    throw error;
  }
}
