-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "conferenceSid" TEXT,
ADD COLUMN     "wrapupDeadlineAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ConferenceParticipant" (
    "id" TEXT NOT NULL,
    "conferenceSid" TEXT NOT NULL,
    "friendlyName" TEXT NOT NULL,
    "callSid" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT,
    "label" TEXT,
    "muted" BOOLEAN NOT NULL DEFAULT false,
    "hold" BOOLEAN NOT NULL DEFAULT false,
    "coaching" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "lastSequence" INTEGER NOT NULL DEFAULT -1,
    "joinedAt" TIMESTAMP(3) NOT NULL,
    "leftAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConferenceParticipant_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConferenceParticipant_friendlyName_idx" ON "ConferenceParticipant"("friendlyName");

-- CreateIndex
CREATE INDEX "ConferenceParticipant_callSid_idx" ON "ConferenceParticipant"("callSid");

-- CreateIndex
CREATE UNIQUE INDEX "ConferenceParticipant_conferenceSid_callSid_key" ON "ConferenceParticipant"("conferenceSid", "callSid");

-- CreateIndex
CREATE INDEX "Task_status_wrapupDeadlineAt_idx" ON "Task"("status", "wrapupDeadlineAt");

-- CreateIndex
CREATE INDEX "Task_conferenceSid_idx" ON "Task"("conferenceSid");

