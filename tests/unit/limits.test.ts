import { describe, expect, it } from "vitest";
import nextConfig from "@/next.config";
import {
  MAX_ACTION_BODY_BYTES,
  MAX_JSON_BODY_BYTES,
  MAX_UPLOAD_BASE64_CHARS,
  MAX_UPLOAD_BYTES,
  MAX_UPLOAD_FILES,
} from "@/lib/crypto/limits";

describe("upload limits agree across the faces", () => {
  it("a server action carries one whole upload, and the config takes that limit from the module", () => {
    expect(nextConfig.experimental?.serverActions?.bodySizeLimit).toBe(MAX_ACTION_BODY_BYTES);
    expect(MAX_ACTION_BODY_BYTES).toBeGreaterThan(MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES);
  });

  it("a 1 MB file fits a REST body as base64, also with MIME line breaks", () => {
    const mime = Buffer.alloc(MAX_UPLOAD_BYTES, 0xa5).toString("base64").replace(/.{76}/g, "$&\r\n");
    expect(mime.length).toBeLessThanOrEqual(MAX_UPLOAD_BASE64_CHARS);
    const body = JSON.stringify({ title: "t".repeat(128), pkcs12: mime, password: "p".repeat(1024) });
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(MAX_JSON_BODY_BYTES);
  });
});
