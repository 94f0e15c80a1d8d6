-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "RateLimit" DROP COLUMN "resetAt",
ADD COLUMN     "blockedUntil" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "expiresAt" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "ticket" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "Session_lastSeenAt_idx" ON "Session"("lastSeenAt");

-- CreateIndex
CREATE INDEX "RateLimit_expiresAt_idx" ON "RateLimit"("expiresAt");
