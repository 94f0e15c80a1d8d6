-- CreateTable
CREATE TABLE "KeystoreVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "keystoreId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "chainPem" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "retiredAt" DATETIME NOT NULL,
    "retiredBy" TEXT NOT NULL,
    "retiredHow" TEXT NOT NULL,
    CONSTRAINT "KeystoreVersion_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TruststoreVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "truststoreId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "pem" TEXT NOT NULL,
    "retiredAt" DATETIME NOT NULL,
    "retiredBy" TEXT NOT NULL,
    "retiredHow" TEXT NOT NULL,
    CONSTRAINT "TruststoreVersion_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_KeystorePending" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdBy" TEXT NOT NULL,
    "chainPem" TEXT NOT NULL DEFAULT '',
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "activateAt" DATETIME,
    "scheduledBy" TEXT,
    "confirmedCodes" TEXT NOT NULL DEFAULT '',
    "claimedBy" TEXT,
    "refusedAt" DATETIME,
    "refusal" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "KeystorePending_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_KeystorePending" ("createdAt", "createdBy", "csrPem", "id", "keyCiphertext", "keyType", "keystoreId", "masterKeyId", "orgId", "subject", "subjectAltNames", "usage", "wrappedDataKey") SELECT "createdAt", "createdBy", "csrPem", "id", "keyCiphertext", "keyType", "keystoreId", "masterKeyId", "orgId", "subject", "subjectAltNames", "usage", "wrappedDataKey" FROM "KeystorePending";
DROP TABLE "KeystorePending";
ALTER TABLE "new_KeystorePending" RENAME TO "KeystorePending";
CREATE UNIQUE INDEX "KeystorePending_keystoreId_key" ON "KeystorePending"("keystoreId");
CREATE INDEX "KeystorePending_activateAt_idx" ON "KeystorePending"("activateAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "KeystoreVersion_keystoreId_number_key" ON "KeystoreVersion"("keystoreId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "TruststoreVersion_truststoreId_number_key" ON "TruststoreVersion"("truststoreId", "number");
