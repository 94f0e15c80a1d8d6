import { openApiDocument } from "@/lib/api/openapi";
import { publicUrl } from "@/lib/server/config";

export function GET() {
  return Response.json(openApiDocument(publicUrl()));
}
