-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_id_idx" ON "TlsClientProfile"("orgId", "id");

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_id_idx" ON "TlsServerProfile"("orgId", "id");

-- CreateIndex
CREATE INDEX "Keystore_orgId_id_idx" ON "Keystore"("orgId", "id");
