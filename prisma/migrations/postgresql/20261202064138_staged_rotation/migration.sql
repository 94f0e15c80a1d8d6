-- AlterTable
ALTER TABLE "KeystorePending" ADD COLUMN     "activateAt" TIMESTAMP(3),
ADD COLUMN     "chainPem" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "confirmedCodes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "refusal" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "refusedAt" TIMESTAMP(3),
ADD COLUMN     "scheduledBy" TEXT;

-- CreateTable
CREATE TABLE "KeystoreVersion" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "keystoreId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "chainPem" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" TIMESTAMP(3) NOT NULL,
    "retiredBy" TEXT NOT NULL,
    "retiredHow" TEXT NOT NULL,

    CONSTRAINT "KeystoreVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TruststoreVersion" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "truststoreId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "pem" TEXT NOT NULL,
    "retiredAt" TIMESTAMP(3) NOT NULL,
    "retiredBy" TEXT NOT NULL,
    "retiredHow" TEXT NOT NULL,

    CONSTRAINT "TruststoreVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeystoreVersion_keystoreId_number_key" ON "KeystoreVersion"("keystoreId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "TruststoreVersion_truststoreId_number_key" ON "TruststoreVersion"("truststoreId", "number");

-- CreateIndex
CREATE INDEX "KeystorePending_activateAt_idx" ON "KeystorePending"("activateAt");

-- AddForeignKey
ALTER TABLE "KeystoreVersion" ADD CONSTRAINT "KeystoreVersion_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TruststoreVersion" ADD CONSTRAINT "TruststoreVersion_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore"("id") ON DELETE CASCADE ON UPDATE CASCADE;
