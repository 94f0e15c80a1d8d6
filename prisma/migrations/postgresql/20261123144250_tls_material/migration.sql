-- AlterTable
ALTER TABLE "TlsClientProfile" ADD COLUMN     "isDefault" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "keystoreId" TEXT,
ADD COLUMN     "truststoreId" TEXT;

-- CreateTable
CREATE TABLE "TlsServerProfile" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "title" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "TlsServerProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Keystore" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "keyType" TEXT NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "expiredAccepted" BOOLEAN NOT NULL DEFAULT false,
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "Keystore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Truststore" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL DEFAULT '',
    "notAfter" TIMESTAMP(3),
    "isDefault" BOOLEAN NOT NULL DEFAULT false,
    "searchText" TEXT NOT NULL,
    "rowVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "Truststore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "keystoreId" TEXT,
    "truststoreId" TEXT,
    "position" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "subjectAltNames" TEXT NOT NULL,
    "keyType" TEXT NOT NULL,
    "keyBits" INTEGER NOT NULL,
    "signatureAlgorithm" TEXT NOT NULL,
    "notBefore" TIMESTAMP(3) NOT NULL,
    "notAfter" TIMESTAMP(3) NOT NULL,
    "isCA" BOOLEAN NOT NULL,
    "selfSigned" BOOLEAN NOT NULL,
    "pem" TEXT NOT NULL,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_title_name_version_idx" ON "TlsServerProfile"("orgId", "title", "name", "version");

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_version_name_idx" ON "TlsServerProfile"("orgId", "version", "name");

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_updatedAt_name_version_idx" ON "TlsServerProfile"("orgId", "updatedAt", "name", "version");

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_protocols_name_version_idx" ON "TlsServerProfile"("orgId", "protocols", "name", "version");

-- CreateIndex
CREATE INDEX "TlsServerProfile_keystoreId_idx" ON "TlsServerProfile"("keystoreId");

-- CreateIndex
CREATE INDEX "TlsServerProfile_truststoreId_idx" ON "TlsServerProfile"("truststoreId");

-- CreateIndex
CREATE UNIQUE INDEX "TlsServerProfile_orgId_name_version_key" ON "TlsServerProfile"("orgId", "name", "version");

-- CreateIndex
CREATE INDEX "Keystore_orgId_title_name_idx" ON "Keystore"("orgId", "title", "name");

-- CreateIndex
CREATE INDEX "Keystore_orgId_notAfter_name_idx" ON "Keystore"("orgId", "notAfter", "name");

-- CreateIndex
CREATE INDEX "Keystore_orgId_updatedAt_name_idx" ON "Keystore"("orgId", "updatedAt", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Keystore_orgId_name_key" ON "Keystore"("orgId", "name");

-- CreateIndex
CREATE INDEX "Truststore_orgId_title_name_idx" ON "Truststore"("orgId", "title", "name");

-- CreateIndex
CREATE INDEX "Truststore_orgId_notAfter_name_idx" ON "Truststore"("orgId", "notAfter", "name");

-- CreateIndex
CREATE INDEX "Truststore_orgId_updatedAt_name_idx" ON "Truststore"("orgId", "updatedAt", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Truststore_orgId_name_key" ON "Truststore"("orgId", "name");

-- CreateIndex
CREATE INDEX "Certificate_keystoreId_position_idx" ON "Certificate"("keystoreId", "position");

-- CreateIndex
CREATE INDEX "Certificate_orgId_notAfter_idx" ON "Certificate"("orgId", "notAfter");

-- CreateIndex
CREATE INDEX "Certificate_sha256_idx" ON "Certificate"("sha256");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_truststoreId_sha256_key" ON "Certificate"("truststoreId", "sha256");

-- CreateIndex
CREATE INDEX "TlsClientProfile_keystoreId_idx" ON "TlsClientProfile"("keystoreId");

-- CreateIndex
CREATE INDEX "TlsClientProfile_truststoreId_idx" ON "TlsClientProfile"("truststoreId");

-- AddForeignKey
ALTER TABLE "TlsClientProfile" ADD CONSTRAINT "TlsClientProfile_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TlsClientProfile" ADD CONSTRAINT "TlsClientProfile_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TlsServerProfile" ADD CONSTRAINT "TlsServerProfile_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TlsServerProfile" ADD CONSTRAINT "TlsServerProfile_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TlsServerProfile" ADD CONSTRAINT "TlsServerProfile_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Keystore" ADD CONSTRAINT "Keystore_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Truststore" ADD CONSTRAINT "Truststore_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_keystoreId_fkey" FOREIGN KEY ("keystoreId") REFERENCES "Keystore"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_truststoreId_fkey" FOREIGN KEY ("truststoreId") REFERENCES "Truststore"("id") ON DELETE CASCADE ON UPDATE CASCADE;
