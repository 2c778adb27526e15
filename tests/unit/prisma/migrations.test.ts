import { expect, test } from "vitest";
import { pendingSchemaChanges } from "../../../prisma/migrations";

test("prisma/schema.prisma and prisma/migrations describe the same database", () => {
  const sql = pendingSchemaChanges();
  expect(sql, "schema.prisma changed without a migration: run `npm run db:migration -- <name>`").toBe("");
});
