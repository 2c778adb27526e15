/**
 * Fills a migrated database with reference data, and with demo accounts when
 * asked for (DEMO_ACCOUNTS=on, `npm run demo`). Idempotent: every row is upserted by its natural key, and existing demo
 * accounts keep their password hash, so running the seed again changes
 * nothing (tests/unit/prisma/seed.test.ts proves it).
 */
import { demoAccounts, DEMO_PASSWORD } from "./reference/demo-accounts";
import { provinces } from "./reference/provinces";
import { units } from "./reference/units";
import { setMembership } from "~/models/membership.server";
import { forgetReferenceData } from "~/models/org.server";
import { hashPassword } from "~/models/password.server";
import { recomputePaths } from "~/models/units.server";
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
  await seedUnits();
  forgetReferenceData();
  await seedDemoAccounts(demo);
}

/**
 * Units the reference list ships and the database lacks are added. After
 * that the admin's imports are the authority: a shipped unit already there
 * is left as the admin made it (renamed, moved, ended, its target changed),
 * except rows from before units had kinds and codes (a unit of a province
 * that is not yet under its province's unit), which take their shipped
 * shape once. Paths are then recomputed from the parents, so a re-parented
 * unit takes its subtree with it.
 */
async function seedUnits() {
  await db.$transaction(async (tx) => {
    const existing = await tx.unit.findMany({ select: { id: true, path: true, code: true } });
    const byId = new Map(existing.map((u) => [u.id, u]));
    const codeOwner = new Map(existing.filter((u) => u.code).map((u) => [u.code!, u.id]));
    const legacy = (id: string, provinceCode: string | null) => {
      const row = byId.get(id);
      return Boolean(row && provinceCode && id !== provinceCode && !row.path.startsWith(`/${provinceCode}/`));
    };
    const written = new Set<string>();
    // New rows are written without a parent or path first: a parent may come later in the list.
    for (const unit of units) {
      const row = byId.get(unit.id);
      if (row && !legacy(unit.id, unit.provinceCode)) continue;
      // A code the admin already gave another unit stays theirs; this one goes without.
      const owner = unit.code ? codeOwner.get(unit.code) : undefined;
      const code = owner && owner !== unit.id ? null : unit.code;
      const data = {
        code,
        name: nfc(unit.name),
        kind: unit.kind,
        provinceCode: unit.provinceCode,
        searchKey: foldVietnamese(unit.name),
        validFrom: unit.validFrom ? new Date(`${unit.validFrom}T00:00:00+07:00`) : null,
      };
      if (row) await tx.unit.update({ where: { id: unit.id }, data });
      else await tx.unit.create({ data: { id: unit.id, path: `#new#${unit.id}`, targetHours: unit.targetHours ?? null, ...data } });
      if (code) codeOwner.set(code, unit.id);
      written.add(unit.id);
    }
    for (const unit of units) {
      if (!written.has(unit.id)) continue;
      await tx.unit.update({ where: { id: unit.id }, data: { parentId: unit.parentId } });
    }
    await recomputePaths(tx);
  });
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
      managedUnitId: account.managedUnitId ?? null,
      searchKey: searchKeyFor(account),
    };
    const user = await db.user.upsert({
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
      select: { id: true },
    });
    // The unit goes through the membership model like anyone's, so the demo official has a history
    // and gets the required courses of their unit; run again, it finds nothing to change.
    const place = { unitId: account.unitId ?? null, position: account.position ? nfc(account.position) : null };
    await db.$transaction((tx) => setMembership({ userId: user.id, ...place, actorId: null }, tx));
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
