-- CreateTable
CREATE TABLE "ConnectionTest" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "clientProfileId" TEXT,
    "serverProfileId" TEXT,
    "at" DATETIME NOT NULL,
    "actor" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "ok" BOOLEAN NOT NULL,
    "code" TEXT,
    "message" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    CONSTRAINT "ConnectionTest_clientProfileId_fkey" FOREIGN KEY ("clientProfileId") REFERENCES "TlsClientProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ConnectionTest_serverProfileId_fkey" FOREIGN KEY ("serverProfileId") REFERENCES "TlsServerProfile" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProbeSlot" (
    "orgId" TEXT NOT NULL,
    "slot" INTEGER NOT NULL,
    "holder" TEXT NOT NULL,
    "expiresAt" BIGINT NOT NULL,

    PRIMARY KEY ("orgId", "slot")
);

-- CreateIndex
CREATE INDEX "ConnectionTest_clientProfileId_at_idx" ON "ConnectionTest"("clientProfileId", "at");

-- CreateIndex
CREATE INDEX "ConnectionTest_serverProfileId_at_idx" ON "ConnectionTest"("serverProfileId", "at");
