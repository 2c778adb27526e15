import path from "node:path";

export const testTmpDir = path.resolve(import.meta.dirname, "../.tmp");
export const templateDatabase = path.join(testTmpDir, "template.db");
