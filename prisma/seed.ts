/**
 * Fills a migrated database with reference data and demo accounts.
 * Idempotent: every row is upserted by its natural key, so running the seed
 * again changes nothing (tests/unit/prisma/seed.test.ts proves it).
 */
import { provinces } from "./reference/provinces";
import { db } from "~/utils/db.server";
import { foldVietnamese, nfc } from "~/utils/text";

export async function seed() {
  await db.$transaction(
    provinces.map((p) =>
      db.province.upsert({
        where: { code: p.code },
        create: { code: p.code, name: nfc(p.name), kind: p.kind, searchKey: foldVietnamese(p.name) },
        update: { name: nfc(p.name), kind: p.kind, searchKey: foldVietnamese(p.name) },
      }),
    ),
  );
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
