-- Existing rows get their titleKey from their title (lower-cased) as the tables are copied.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TlsClientProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "protocols" TEXT NOT NULL,
    "ciphers" TEXT NOT NULL,
    "insecureServerConnections" BOOLEAN NOT NULL DEFAULT false,
    "serverNameIndication" BOOLEAN NOT NULL DEFAULT true,
    "keystoreId" TEXT,
    "truststoreId" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    CONSTRAINT "TlsClientProfile_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TlsClientProfile_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TlsClientProfile_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TlsClientProfile" ("ciphers", "createdAt", "id", "insecureServerConnections", "isDefault", "keystoreId", "name", "orgId", "protocols", "rowVersion", "searchText", "serverNameIndication", "summary", "title", "truststoreId", "updatedAt", "updatedBy", "version", "titleKey") SELECT "ciphers", "createdAt", "id", "insecureServerConnections", "isDefault", "keystoreId", "name", "orgId", "protocols", "rowVersion", "searchText", "serverNameIndication", "summary", "title", "truststoreId", "updatedAt", "updatedBy", "version", lower("title") FROM "TlsClientProfile";
DROP TABLE "TlsClientProfile";
ALTER TABLE "new_TlsClientProfile" RENAME TO "TlsClientProfile";
CREATE INDEX "TlsClientProfile_orgId_titleKey_name_version_idx" ON "TlsClientProfile"("orgId", "titleKey", "name", "version");
CREATE INDEX "TlsClientProfile_orgId_version_name_idx" ON "TlsClientProfile"("orgId", "version", "name");
CREATE INDEX "TlsClientProfile_orgId_updatedAt_name_version_idx" ON "TlsClientProfile"("orgId", "updatedAt", "name", "version");
CREATE INDEX "TlsClientProfile_orgId_protocols_name_version_idx" ON "TlsClientProfile"("orgId", "protocols", "name", "version");
CREATE INDEX "TlsClientProfile_keystoreId_idx" ON "TlsClientProfile"("keystoreId");
CREATE INDEX "TlsClientProfile_truststoreId_idx" ON "TlsClientProfile"("truststoreId");
CREATE UNIQUE INDEX "TlsClientProfile_orgId_name_version_key" ON "TlsClientProfile"("orgId", "name", "version");
CREATE TABLE "new_TlsServerProfile" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "protocols" TEXT NOT NULL,
    "ciphers" TEXT NOT NULL,
    "mutualAuthentication" TEXT NOT NULL DEFAULT 'none',
    "limitRenegotiation" BOOLEAN NOT NULL DEFAULT true,
    "keystoreId" TEXT NOT NULL,
    "truststoreId" TEXT,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    CONSTRAINT "TlsServerProfile_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "TlsServerProfile_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "TlsServerProfile_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TlsServerProfile" ("ciphers", "createdAt", "id", "isDefault", "keystoreId", "limitRenegotiation", "mutualAuthentication", "name", "orgId", "protocols", "rowVersion", "searchText", "summary", "title", "truststoreId", "updatedAt", "updatedBy", "version", "titleKey") SELECT "ciphers", "createdAt", "id", "isDefault", "keystoreId", "limitRenegotiation", "mutualAuthentication", "name", "orgId", "protocols", "rowVersion", "searchText", "summary", "title", "truststoreId", "updatedAt", "updatedBy", "version", lower("title") FROM "TlsServerProfile";
DROP TABLE "TlsServerProfile";
ALTER TABLE "new_TlsServerProfile" RENAME TO "TlsServerProfile";
CREATE INDEX "TlsServerProfile_orgId_titleKey_name_version_idx" ON "TlsServerProfile"("orgId", "titleKey", "name", "version");
CREATE INDEX "TlsServerProfile_orgId_version_name_idx" ON "TlsServerProfile"("orgId", "version", "name");
CREATE INDEX "TlsServerProfile_orgId_updatedAt_name_version_idx" ON "TlsServerProfile"("orgId", "updatedAt", "name", "version");
CREATE INDEX "TlsServerProfile_orgId_protocols_name_version_idx" ON "TlsServerProfile"("orgId", "protocols", "name", "version");
CREATE INDEX "TlsServerProfile_keystoreId_idx" ON "TlsServerProfile"("keystoreId");
CREATE INDEX "TlsServerProfile_truststoreId_idx" ON "TlsServerProfile"("truststoreId");
CREATE UNIQUE INDEX "TlsServerProfile_orgId_name_version_key" ON "TlsServerProfile"("orgId", "name", "version");
CREATE TABLE "new_Keystore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "notAfter" DATETIME NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    CONSTRAINT "Keystore_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Keystore" ("createdAt", "expiredAccepted", "fingerprint", "id", "isDefault", "keyCiphertext", "keyType", "masterKeyId", "name", "notAfter", "orgId", "rowVersion", "searchText", "subject", "summary", "title", "updatedAt", "updatedBy", "wrappedDataKey", "titleKey") SELECT "createdAt", "expiredAccepted", "fingerprint", "id", "isDefault", "keyCiphertext", "keyType", "masterKeyId", "name", "notAfter", "orgId", "rowVersion", "searchText", "subject", "summary", "title", "updatedAt", "updatedBy", "wrappedDataKey", lower("title") FROM "Keystore";
DROP TABLE "Keystore";
ALTER TABLE "new_Keystore" RENAME TO "Keystore";
CREATE INDEX "Keystore_orgId_titleKey_name_idx" ON "Keystore"("orgId", "titleKey", "name");
CREATE INDEX "Keystore_orgId_notAfter_name_idx" ON "Keystore"("orgId", "notAfter", "name");
CREATE INDEX "Keystore_orgId_updatedAt_name_idx" ON "Keystore"("orgId", "updatedAt", "name");
CREATE UNIQUE INDEX "Keystore_orgId_name_key" ON "Keystore"("orgId", "name");
CREATE TABLE "new_Truststore" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "titleKey" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "notAfter" DATETIME,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "updatedBy" TEXT NOT NULL,
    CONSTRAINT "Truststore_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Truststore" ("createdAt", "id", "isDefault", "name", "notAfter", "orgId", "rowVersion", "searchText", "summary", "title", "updatedAt", "updatedBy", "titleKey") SELECT "createdAt", "id", "isDefault", "name", "notAfter", "orgId", "rowVersion", "searchText", "summary", "title", "updatedAt", "updatedBy", lower("title") FROM "Truststore";
DROP TABLE "Truststore";
ALTER TABLE "new_Truststore" RENAME TO "Truststore";
CREATE INDEX "Truststore_orgId_titleKey_name_idx" ON "Truststore"("orgId", "titleKey", "name");
CREATE INDEX "Truststore_orgId_notAfter_name_idx" ON "Truststore"("orgId", "notAfter", "name");
CREATE INDEX "Truststore_orgId_updatedAt_name_idx" ON "Truststore"("orgId", "updatedAt", "name");
CREATE UNIQUE INDEX "Truststore_orgId_name_key" ON "Truststore"("orgId", "name");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
