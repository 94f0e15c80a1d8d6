-- CreateTable
CREATE TABLE "TlsPolicy" (
    "orgId" TEXT NOT NULL,
    "minimumProtocol" TEXT,
    "forbiddenSuiteClasses" TEXT NOT NULL DEFAULT '',
    "minimumRsaBits" INTEGER,
    "allowedCurves" TEXT NOT NULL DEFAULT 'P-256,P-384,P-521',
    "allowEd25519" BOOLEAN NOT NULL DEFAULT true,
    "maximumCertificateDays" INTEGER,
    "requireExtendedKeyUsage" BOOLEAN NOT NULL DEFAULT false,
    "forbidInsecureServerConnections" BOOLEAN NOT NULL DEFAULT false,
    "forbidSniOff" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedBy" TEXT NOT NULL,

    CONSTRAINT "TlsPolicy_pkey" PRIMARY KEY ("orgId")
);

-- AddForeignKey
ALTER TABLE "TlsPolicy" ADD CONSTRAINT "TlsPolicy_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;
