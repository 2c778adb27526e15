-- CreateTable
CREATE TABLE "Province" (
    "code" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL
);
