-- CreateTable
CREATE TABLE "QuizAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "courseSlug" TEXT NOT NULL,
    "lessonSlug" TEXT NOT NULL,
    "quizId" TEXT NOT NULL,
    "quizVersion" TEXT NOT NULL,
    "questions" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deadlineAt" DATETIME,
    "submittedAt" DATETIME,
    "outcome" TEXT,
    "answers" TEXT,
    "results" TEXT,
    "score" INTEGER,
    "passed" BOOLEAN,
    CONSTRAINT "QuizAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "QuizAttempt_userId_courseSlug_quizId_idx" ON "QuizAttempt"("userId", "courseSlug", "quizId");

-- CreateIndex
CREATE INDEX "QuizAttempt_courseSlug_quizId_idx" ON "QuizAttempt"("courseSlug", "quizId");
