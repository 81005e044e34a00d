-- AlterTable
ALTER TABLE "Inspection" ADD COLUMN     "roomSid" TEXT;

-- CreateTable
CREATE TABLE "InspectionJoinRequest" (
    "id" TEXT NOT NULL,
    "inviteId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'waiting',
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InspectionJoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InspectionJoinRequest_identity_key" ON "InspectionJoinRequest"("identity");

-- CreateIndex
CREATE INDEX "InspectionJoinRequest_inviteId_status_idx" ON "InspectionJoinRequest"("inviteId", "status");

-- AddForeignKey
ALTER TABLE "InspectionJoinRequest" ADD CONSTRAINT "InspectionJoinRequest_inviteId_fkey" FOREIGN KEY ("inviteId") REFERENCES "InspectionInvite"("id") ON DELETE CASCADE ON UPDATE CASCADE;

