// Prisma CLI settings: the JavaScript engine with the better-sqlite3 driver
// adapter, so migrations run without native engine binaries (see prisma/README.md).
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL || "file:./prisma/data.db";
process.env.DATABASE_URL = url;

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url });
  },
});
