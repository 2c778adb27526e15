-- CreateTable
CREATE TABLE "HealthProbe" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "filler" BLOB NOT NULL,
    "checkedAt" DATETIME NOT NULL
);
