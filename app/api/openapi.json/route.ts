import { openApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/server/platform/config";

export function GET() {
  return Response.json(openApiDocument(publicUrl()));
}
