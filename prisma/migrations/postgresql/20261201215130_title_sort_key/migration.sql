-- DropIndex
DROP INDEX "TlsClientProfile_orgId_title_name_version_idx";

-- DropIndex
DROP INDEX "TlsServerProfile_orgId_title_name_version_idx";

-- DropIndex
DROP INDEX "Keystore_orgId_title_name_idx";

-- DropIndex
DROP INDEX "Truststore_orgId_title_name_idx";

-- AlterTable: existing rows get their key from the title, the default lives only while they are filled
ALTER TABLE "TlsClientProfile" ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';
UPDATE "TlsClientProfile" SET "titleKey" = lower("title");
ALTER TABLE "TlsClientProfile" ALTER COLUMN "titleKey" DROP DEFAULT;

-- AlterTable: existing rows get their key from the title, the default lives only while they are filled
ALTER TABLE "TlsServerProfile" ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';
UPDATE "TlsServerProfile" SET "titleKey" = lower("title");
ALTER TABLE "TlsServerProfile" ALTER COLUMN "titleKey" DROP DEFAULT;

-- AlterTable: existing rows get their key from the title, the default lives only while they are filled
ALTER TABLE "Keystore" ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';
UPDATE "Keystore" SET "titleKey" = lower("title");
ALTER TABLE "Keystore" ALTER COLUMN "titleKey" DROP DEFAULT;

-- AlterTable: existing rows get their key from the title, the default lives only while they are filled
ALTER TABLE "Truststore" ADD COLUMN     "titleKey" TEXT NOT NULL DEFAULT '';
UPDATE "Truststore" SET "titleKey" = lower("title");
ALTER TABLE "Truststore" ALTER COLUMN "titleKey" DROP DEFAULT;

-- CreateIndex
CREATE INDEX "TlsClientProfile_orgId_titleKey_name_version_idx" ON "TlsClientProfile"("orgId", "titleKey", "name", "version");

-- CreateIndex
CREATE INDEX "TlsServerProfile_orgId_titleKey_name_version_idx" ON "TlsServerProfile"("orgId", "titleKey", "name", "version");

-- CreateIndex
CREATE INDEX "Keystore_orgId_titleKey_name_idx" ON "Keystore"("orgId", "titleKey", "name");

-- CreateIndex
CREATE INDEX "Truststore_orgId_titleKey_name_idx" ON "Truststore"("orgId", "titleKey", "name");
