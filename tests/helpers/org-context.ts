import { requireOrg } from "@/lib/server/access/require-org";
import type { buildWorld, Principal } from "./world";

type World = Awaited<ReturnType<typeof buildWorld>>;

export function contextFor(world: World, principal: Principal = "owner", org = world.org) {
  const u = world.users[principal];
  return requireOrg(
    { userId: u.userId, email: u.email, name: principal, via: "session" },
    org,
    "settings:view",
    "test-req-00000001",
  );
}
