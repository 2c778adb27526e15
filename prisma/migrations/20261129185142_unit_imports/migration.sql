-- CreateTable
CREATE TABLE "UnitImport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "fileName" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "report" TEXT NOT NULL,
    "appliedAt" DATETIME
);
