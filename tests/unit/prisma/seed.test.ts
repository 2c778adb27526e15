import { expect, test } from "vitest";
import { seed } from "../../../prisma/seed";
import { units as shipped } from "../../../prisma/reference/units";
import { findUnit, forgetReferenceData, listCurrentUnits } from "~/models/org.server";
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
  expect(first.units.find((u) => u.id === "hue-so-khcn")).toMatchObject({ parentId: "hue", path: "/46/hue/hue-so-khcn/", kind: "agency" });
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

test("the 34 provinces are the roots of the tree, with their codes; the sample sits under them", async () => {
  await seed();
  const provinces = await db.unit.findMany({ where: { kind: "province" }, orderBy: { id: "asc" } });
  expect(provinces).toHaveLength(34);
  for (const p of provinces) expect(p).toMatchObject({ id: p.code, parentId: null, path: `/${p.code}/`, provinceCode: p.code });
  expect(provinces.find((p) => p.id === "46")).toMatchObject({ name: "Thành phố Huế", searchKey: "thanh pho hue", targetHours: 30 });
  // Every shipped unit has the path of its parent chain, and its kind fits its parent.
  const all = await db.unit.findMany();
  const byId = new Map(all.map((u) => [u.id, u]));
  for (const u of all) {
    const parent = u.parentId ? byId.get(u.parentId) : undefined;
    expect(u.path).toBe(`${parent?.path ?? "/"}${u.id}/`);
    if (u.kind === "commune") expect(parent?.kind).toBe("province");
    if (u.kind === "team") expect(parent?.kind).toBe("commune");
    if (u.kind === "commune") expect(u.code).toMatch(/^\d{5}$/);
  }
  expect(byId.get("hue-phuong-thuan-hoa")).toMatchObject({ kind: "commune", code: "19789", name: "Phường Thuận Hóa", parentId: "46", path: "/46/hue-phuong-thuan-hoa/" });
  expect(byId.get("lao-cai-xa-bac-ha")).toMatchObject({ kind: "commune", code: "02839", path: "/15/lao-cai-xa-bac-ha/" });
  expect(byId.get("bo-khcn")).toMatchObject({ kind: "agency", parentId: null, provinceCode: null, path: "/bo-khcn/" });
  expect(all).toHaveLength(shipped.length);
  forgetReferenceData();
  expect((await listCurrentUnits()).length).toBe(shipped.length);
  expect(await findUnit("hue-so-khcn")).toMatchObject({ depth: 2, provinceCode: "46" });
});

test("a database from before the tree: the seven old units are placed under their provinces, keeping their ids", async () => {
  // The units as the first seed wrote them: roots "hue" and "lao-cai", no kinds or codes.
  const old = [
    { id: "hue", name: "Ủy ban nhân dân thành phố Huế", parentId: null, provinceCode: "46", path: "/hue/" },
    { id: "hue-so-khcn", name: "Sở Khoa học và Công nghệ thành phố Huế", parentId: "hue", provinceCode: "46", path: "/hue/hue-so-khcn/" },
    { id: "hue-phuong-thuan-hoa", name: "Ủy ban nhân dân phường Thuận Hóa", parentId: "hue", provinceCode: "46", path: "/hue/hue-phuong-thuan-hoa/" },
    { id: "lao-cai", name: "Ủy ban nhân dân tỉnh Lào Cai", parentId: null, provinceCode: "15", path: "/lao-cai/" },
    { id: "lao-cai-xa-bac-ha", name: "Ủy ban nhân dân xã Bắc Hà", parentId: "lao-cai", provinceCode: "15", path: "/lao-cai/lao-cai-xa-bac-ha/" },
  ];
  // This file's database is shared by its tests: start from no units at all.
  await db.user.deleteMany();
  await db.unit.deleteMany();
  for (const u of old) await db.unit.create({ data: u });
  await seed();
  const units = new Map((await db.unit.findMany()).map((u) => [u.id, u]));
  expect(units.get("hue")).toMatchObject({ parentId: "46", path: "/46/hue/", kind: "agency" });
  expect(units.get("hue-so-khcn")).toMatchObject({ parentId: "hue", path: "/46/hue/hue-so-khcn/" });
  expect(units.get("hue-phuong-thuan-hoa")).toMatchObject({ parentId: "46", path: "/46/hue-phuong-thuan-hoa/", kind: "commune", code: "19789", name: "Phường Thuận Hóa" });
  expect(units.get("lao-cai-xa-bac-ha")).toMatchObject({ parentId: "15", path: "/15/lao-cai-xa-bac-ha/", kind: "commune", code: "02839" });
});

test("after the first run the admin's changes to shipped units stay: the seed only adds what is missing", async () => {
  await seed();
  await db.unit.update({ where: { id: "46" }, data: { targetHours: 45 } });
  await db.unit.update({ where: { id: "hue-so-gddt" }, data: { name: "Sở Giáo dục thành phố Huế" } });
  await db.unit.delete({ where: { id: "bo-gddt" } });
  await seed();
  expect(await db.unit.findUnique({ where: { id: "46" } })).toMatchObject({ targetHours: 45 });
  expect(await db.unit.findUnique({ where: { id: "hue-so-gddt" } })).toMatchObject({ name: "Sở Giáo dục thành phố Huế" });
  expect(await db.unit.findUnique({ where: { id: "bo-gddt" } })).toMatchObject({ name: "Bộ Giáo dục và Đào tạo", path: "/bo-gddt/" });
});

test("the demo manager manages the Huế province unit", async () => {
  await seed({ demo: true });
  expect(await db.user.findUnique({ where: { email: "quanly@demo.hocso.vn" } })).toMatchObject({ role: "manager", managedUnitId: "46" });
});
