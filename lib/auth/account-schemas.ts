import { z } from "zod";
import { ZName } from "@/lib/tls/client-profile-schema";

/** One password rule for every place a person chooses their own password. */
const ZNewPassword = z.string().min(12, "At least 12 characters").max(1024, "At most 1024 characters");

const ZEmail = z.string().trim().toLowerCase().email("Enter an email address");

/** Inviting: no name and no password — the invitee chooses both (docs/decisions/012). */
export const ZInvite = z.strictObject({ email: ZEmail, role: ZName });

export const ZAcceptAsNewAccount = z.strictObject({
  name: z.string().trim().min(1, "Name is required").max(128),
  password: ZNewPassword,
});

export const ZChangePassword = z.strictObject({
  currentPassword: z.string().min(1, "Enter your current password").max(1024),
  newPassword: ZNewPassword,
});
