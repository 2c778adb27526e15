import { expect, test } from "vitest";
import { pendingSchemaChanges } from "../../../prisma/migrations";

// Three runs of the Prisma CLI and its wasm engine: slower than the other tests, and
// slower still on a busy two-core machine. The time is not what is tested.
test("prisma/schema.prisma and prisma/migrations describe the same database", { timeout: 90_000 }, () => {
  const sql = pendingSchemaChanges();
  expect(sql, "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toBe("");
});
