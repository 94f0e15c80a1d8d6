import { type Operation, OPERATIONS } from "@/lib/auth/operations";
import type { Permission } from "@/lib/auth/permissions";
import type { Principal } from "./world";

/** Who in the test world (helpers/world.ts) holds each permission in organization acme: written out, not computed. */
const HOLDERS: Record<Permission, Principal[]> = {
  "settings:view": ["owner", "orgAdmin", "customManage", "customView"],
  "settings:manage": ["owner", "orgAdmin", "customManage"],
  "members:manage": ["owner", "orgAdmin"],
  "policy:manage": ["owner", "orgAdmin"],
};

/** The principals the authorization matrix expects to be let through for `operation`, by the operations table. */
export const whoMay = (operation: Operation): Principal[] => HOLDERS[OPERATIONS[operation]];
