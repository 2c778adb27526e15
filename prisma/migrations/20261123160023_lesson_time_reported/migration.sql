-- AlterTable
ALTER TABLE "LessonProgress" ADD COLUMN "timeReportedAt" DATETIME;
