-- DropIndex
DROP INDEX "TlsClientProfile_orgId_title_idx";

-- DropIndex
DROP INDEX "TlsClientProfile_orgId_updatedAt_idx";

-- DropIndex
DROP INDEX "TlsClientProfile_orgId_protocols_idx";

-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_title_name_version_idx" ON "TlsClientProfile"("orgId", "title", "name", "version");

-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_version_name_idx" ON "TlsClientProfile"("orgId", "version", "name");

-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_updatedAt_name_version_idx" ON "TlsClientProfile"("orgId", "updatedAt", "name", "version");

-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_protocols_name_version_idx" ON "TlsClientProfile"("orgId", "protocols", "name", "version");
