/**
 * Fills a migrated database with reference data, and with demo accounts when
 * asked for (DEMO_ACCOUNTS=on, `npm run demo`). Idempotent: every row is upserted by its natural key, and existing demo
 * accounts keep their password hash, so running the seed again changes
 * nothing (tests/unit/prisma/seed.test.ts proves it).
 */
import { demoAccounts, DEMO_PASSWORD } from "./reference/demo-accounts";
import { provinces } from "./reference/provinces";
import { unitPath, units } from "./reference/units";
import { hashPassword } from "~/models/password.server";
import { searchKeyFor } from "~/models/user.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { foldVietnamese, nfc } from "~/utils/text";

export async function seed({ demo = env().DEMO_ACCOUNTS }: { demo?: boolean } = {}) {
  await db.$transaction(
    provinces.map((p) =>
      db.province.upsert({
        where: { code: p.code },
        create: { code: p.code, name: nfc(p.name), kind: p.kind, searchKey: foldVietnamese(p.name) },
        update: { name: nfc(p.name), kind: p.kind, searchKey: foldVietnamese(p.name) },
      }),
    ),
  );
  // Parents before children, so every parent exists when its child is written.
  for (const unit of [...units].sort((a, b) => unitPath(a.id).length - unitPath(b.id).length)) {
    const data = { name: nfc(unit.name), path: unitPath(unit.id), parentId: unit.parentId, provinceCode: unit.provinceCode };
    await db.unit.upsert({ where: { id: unit.id }, create: { id: unit.id, ...data }, update: data });
  }
  await seedDemoAccounts(demo);
}

async function seedDemoAccounts(enabled: boolean) {
  const where = (a: (typeof demoAccounts)[number]) => (a.email ? { email: a.email } : { phone: a.phone });
  if (!enabled) {
    // Switched off after they existed: keep the rows (audit, progress) but let nobody in.
    for (const account of demoAccounts) {
      await db.user.updateMany({ where: { ...where(account), disabledAt: null }, data: { disabledAt: new Date() } });
    }
    return;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of demoAccounts) {
    const profile = {
      fullName: nfc(account.fullName),
      role: account.role,
      learnerGroup: account.learnerGroup,
      provinceCode: account.provinceCode,
      commune: account.commune ? nfc(account.commune) : null,
      unitId: account.unitId ?? null,
      position: account.position ? nfc(account.position) : null,
      managedUnitId: account.managedUnitId ?? null,
      searchKey: searchKeyFor(account),
    };
    await db.user.upsert({
      where: where(account),
      create: {
        email: account.email ?? null,
        phone: account.phone ?? null,
        passwordHash,
        ...profile,
        consents: {
          create: [
            { purpose: "learning-records", granted: true },
            { purpose: "share-with-unit", granted: account.learnerGroup === "official" },
            { purpose: "statistics", granted: false },
          ],
        },
      },
      // The password is left alone: a demo user may have changed it, and a new hash would be a change.
      update: profile,
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(() => db.$disconnect())
    .catch(async (error: unknown) => {
      console.error(error);
      await db.$disconnect();
      process.exit(1);
    });
}
