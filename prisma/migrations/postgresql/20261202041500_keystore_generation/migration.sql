-- AlterTable
ALTER TABLE "Keystore" ADD COLUMN     "state" TEXT NOT NULL DEFAULT 'active',
ALTER COLUMN "keyCiphertext" DROP NOT NULL,
ALTER COLUMN "wrappedDataKey" DROP NOT NULL,
ALTER COLUMN "masterKeyId" DROP NOT NULL,
ALTER COLUMN "notAfter" DROP NOT NULL,
ALTER COLUMN "fingerprint" DROP NOT NULL;

-- CreateTable
CREATE TABLE "KeystorePending" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "keystoreId" TEXT NOT NULL,
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "csrPem" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "subjectAltNames" TEXT NOT NULL,
    "usage" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,

    CONSTRAINT "KeystorePending_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "KeystorePending_keystoreId_key" ON "KeystorePending"("keystoreId");

-- AddForeignKey
ALTER TABLE "KeystorePending" ADD CONSTRAINT "KeystorePending_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore"("id") ON DELETE CASCADE ON UPDATE CASCADE;
