-- CreateTable
CREATE TABLE "UnitMembership" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "position" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "endedAt" DATETIME,
    CONSTRAINT "UnitMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnitMembership_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "courseSlug" TEXT NOT NULL,
    "unitId" TEXT,
    "positions" TEXT,
    "learnerGroup" TEXT,
    "dueDate" DATETIME,
    "dueDays" INTEGER,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" DATETIME,
    CONSTRAINT "Assignment_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LearnerAssignment" (
    "assignmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "unitId" TEXT,
    "position" TEXT,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dueAt" DATETIME NOT NULL,
    "endedAt" DATETIME,

    PRIMARY KEY ("assignmentId", "userId"),
    CONSTRAINT "LearnerAssignment_assignmentId_fkey" FOREIGN KEY ("assignmentId") REFERENCES "Assignment" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "LearnerAssignment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'agency',
    "path" TEXT NOT NULL,
    "parentId" TEXT,
    "provinceCode" TEXT,
    "searchKey" TEXT NOT NULL DEFAULT '',
    "validFrom" DATETIME,
    "validTo" DATETIME,
    "successorId" TEXT,
    "targetHours" INTEGER,
    CONSTRAINT "Unit_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Unit_provinceCode_fkey" FOREIGN KEY ("provinceCode") REFERENCES "Province" ("code") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Unit_successorId_fkey" FOREIGN KEY ("successorId") REFERENCES "Unit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("id", "name", "parentId", "path", "provinceCode") SELECT "id", "name", "parentId", "path", "provinceCode" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");
CREATE UNIQUE INDEX "Unit_path_key" ON "Unit"("path");
CREATE INDEX "Unit_parentId_idx" ON "Unit"("parentId");
CREATE INDEX "Unit_provinceCode_kind_idx" ON "Unit"("provinceCode", "kind");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "UnitMembership_userId_endedAt_idx" ON "UnitMembership"("userId", "endedAt");

-- CreateIndex
CREATE INDEX "UnitMembership_unitId_idx" ON "UnitMembership"("unitId");

-- CreateIndex
CREATE INDEX "Assignment_unitId_idx" ON "Assignment"("unitId");

-- CreateIndex
CREATE INDEX "Assignment_courseSlug_idx" ON "Assignment"("courseSlug");

-- CreateIndex
CREATE INDEX "LearnerAssignment_userId_idx" ON "LearnerAssignment"("userId");

-- CreateIndex
CREATE INDEX "LearnerAssignment_unitId_courseSlug_idx" ON "LearnerAssignment"("unitId", "courseSlug");

-- CreateIndex
CREATE INDEX "LearnerAssignment_courseSlug_dueAt_idx" ON "LearnerAssignment"("courseSlug", "dueAt");

-- Officials who already have a unit get the membership that says so, from
-- when their account was made (written by hand).
INSERT INTO "UnitMembership" ("id", "userId", "unitId", "position", "startedAt")
SELECT 'm-' || "id", "id", "unitId", "position", "createdAt" FROM "User" WHERE "unitId" IS NOT NULL;
