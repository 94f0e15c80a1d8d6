import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { serverNameToSend } from "@/lib/server/probes/server-name";

describe("the server name a test sends", () => {
  it("is a host name in ASCII: punycode for an international one, lower case, no final dot", () => {
    expect(serverNameToSend("bücher.example")).toBe("xn--bcher-kva.example");
    expect(serverNameToSend("API.Example.com.")).toBe("api.example.com");
    expect(serverNameToSend(undefined)).toBeUndefined();
  });

  it.each(["a..b", "..", "10.0.0.1", `${"a".repeat(64)}.example`])("refuses %j at server_name", (name) => {
    let refused: unknown;
    try {
      serverNameToSend(name);
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).fieldErrors?.[0].field).toBe("server_name");
  });
});
