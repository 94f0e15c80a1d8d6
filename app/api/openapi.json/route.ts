import { openApiDocument } from "@/lib/api/openapi";
import { stamped } from "@/lib/server/faces/rest/handler";
import { publicUrl } from "@/lib/server/platform/config";

export function GET() {
  return stamped(Response.json(openApiDocument(publicUrl())));
}
