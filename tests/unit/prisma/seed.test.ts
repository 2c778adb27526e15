import { expect, test } from "vitest";
import { seed } from "../../../prisma/seed";
import { db } from "~/utils/db.server";

async function snapshot() {
  return db.province.findMany({ orderBy: { code: "asc" } });
}

test("the seed fills reference data and running it twice changes nothing", async () => {
  await seed();
  const first = await snapshot();
  expect(first).toHaveLength(34);
  expect(first.find((p) => p.code === "48")).toMatchObject({ name: "Đà Nẵng", kind: "city", searchKey: "da nang" });

  await seed();
  expect(await snapshot()).toEqual(first);
});
