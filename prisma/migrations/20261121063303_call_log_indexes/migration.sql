-- DropIndex
DROP INDEX "Call_startedAt_idx";

-- DropIndex
DROP INDEX "Call_queueId_startedAt_idx";

-- DropIndex
DROP INDEX "Call_agentId_startedAt_idx";

-- CreateIndex
CREATE INDEX "Call_startedAt_id_idx" ON "Call"("startedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Call_queueId_startedAt_idx" ON "Call"("queueId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_agentId_startedAt_idx" ON "Call"("agentId", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_direction_startedAt_idx" ON "Call"("direction", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_outcome_startedAt_idx" ON "Call"("outcome", "startedAt" DESC);

-- CreateIndex
CREATE INDEX "Call_contactId_startedAt_idx" ON "Call"("contactId", "startedAt" DESC);

