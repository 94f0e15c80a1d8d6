-- CreateTable
CREATE TABLE "MasterKeyCheck" (
    "id" INTEGER NOT NULL,
    "keyCiphertext" TEXT NOT NULL,
    "wrappedDataKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MasterKeyCheck_pkey" PRIMARY KEY ("id")
);
