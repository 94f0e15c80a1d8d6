-- CreateTable
CREATE TABLE "KeystorePending" (
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
    CONSTRAINT "KeystorePending_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Keystore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "state" TEXT NOT NULL DEFAULT 'active',
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT,
    "wrappedDataKey" TEXT,
    "masterKeyId" TEXT,
    "subject" TEXT NOT NULL,
    "notAfter" DATETIME,
    "fingerprint" TEXT,
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    CONSTRAINT "Keystore_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Keystore" ("createdAt", "expiredAccepted", "fingerprint", "id", "isDefault", "keyCiphertext", "keyType", "masterKeyId", "name", "notAfter", "orgId", "rowVersion", "searchText", "subject", "summary", "title", "titleKey", "updatedAt", "updatedBy", "wrappedDataKey") SELECT "createdAt", "expiredAccepted", "fingerprint", "id", "isDefault", "keyCiphertext", "keyType", "masterKeyId", "name", "notAfter", "orgId", "rowVersion", "searchText", "subject", "summary", "title", "titleKey", "updatedAt", "updatedBy", "wrappedDataKey" FROM "Keystore";
DROP TABLE "Keystore";
ALTER TABLE "new_Keystore" RENAME TO "Keystore";
CREATE INDEX "Keystore_orgId_titleKey_name_idx" ON "Keystore"("orgId", "titleKey", "name");
CREATE INDEX "Keystore_orgId_notAfter_name_idx" ON "Keystore"("orgId", "notAfter", "name");
CREATE INDEX "Keystore_orgId_updatedAt_name_idx" ON "Keystore"("orgId", "updatedAt", "name");
CREATE UNIQUE INDEX "Keystore_orgId_name_key" ON "Keystore"("orgId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "KeystorePending_keystoreId_key" ON "KeystorePending"("keystoreId");
