import { expect, test } from "vitest";
import { seed } from "../../../prisma/seed";
import { db } from "~/utils/db.server";

async function snapshot() {
  const [provinces, units, users, consents] = await Promise.all([
    db.province.findMany({ orderBy: { code: "asc" } }),
    db.unit.findMany({ orderBy: { id: "asc" } }),
    db.user.findMany({ orderBy: { id: "asc" } }),
    db.consent.findMany({ orderBy: [{ userId: "asc" }, { purpose: "asc" }], select: { userId: true, purpose: true, granted: true } }),
  ]);
  return { provinces, units, users, consents };
}

test("by default the seed makes reference data and no account at all", async () => {
  await seed();
  expect(await db.province.count()).toBe(34);
  expect(await db.user.count()).toBe(0);
});

test("the seed fills reference data and running it twice changes nothing", async () => {
  await seed({ demo: true });
  const first = await snapshot();
  expect(first.provinces).toHaveLength(34);
  expect(first.provinces.find((p) => p.code === "48")).toMatchObject({ name: "Đà Nẵng", kind: "city", searchKey: "da nang" });
  expect(first.units.find((u) => u.id === "hue-so-khcn")).toMatchObject({ parentId: "hue", path: "/hue/hue-so-khcn/" });
  // One demo account per role.
  expect(new Set(first.users.map((u) => u.role))).toEqual(new Set(["learner", "trainer", "manager", "admin"]));

  await seed({ demo: true });
  expect(await snapshot()).toEqual(first);
});

test("with DEMO_ACCOUNTS=off the demo accounts are not created, and ones left over are disabled", async () => {
  await seed({ demo: true });
  await seed({ demo: false });
  const users = await db.user.findMany({ where: { email: { endsWith: "@demo.hocso.vn" } } });
  expect(users.length).toBeGreaterThan(0);
  expect(users.every((u) => u.disabledAt !== null)).toBe(true);
});
