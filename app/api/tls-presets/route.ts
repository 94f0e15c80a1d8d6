import { json, signedInRoute } from "@/lib/server/faces/rest/handler";
import { presetsDto } from "@/lib/tls/presets-dto";

/** The dated TLS presets: the same for every organization, so any signed-in user or API key may read them. */
export const GET = signedInRoute(async () => json(presetsDto()));
