-- AlterTable
ALTER TABLE "User" ADD COLUMN "timeCreditedUntil" DATETIME;

-- The per-lesson instants become one per learner: the latest of them, so that
-- reports already counted cannot be counted again (written by hand).
UPDATE "User" SET "timeCreditedUntil" = (
    SELECT MAX("timeReportedAt") FROM "LessonProgress" WHERE "LessonProgress"."userId" = "User"."id"
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LessonProgress" (
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "viewedAt" DATETIME,
    "markedAt" DATETIME,
    "quizPassedAt" DATETIME,
    "completedAt" DATETIME,
    "activeSeconds" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("userId", "courseSlug", "lessonSlug"),
    CONSTRAINT "LessonProgress_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_LessonProgress" ("activeSeconds", "completedAt", "courseSlug", "lessonSlug", "markedAt", "quizPassedAt", "userId", "viewedAt") SELECT "activeSeconds", "completedAt", "courseSlug", "lessonSlug", "markedAt", "quizPassedAt", "userId", "viewedAt" FROM "LessonProgress";
DROP TABLE "LessonProgress";
ALTER TABLE "new_LessonProgress" RENAME TO "LessonProgress";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
