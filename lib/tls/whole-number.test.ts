import { describe, expect, it } from "vitest";
import { ZConnectionTestInput } from "./connection-test";
import { ZKeyRequest } from "./key-request";

/** Numbers mean what they say: a JSON number or a form's decimal digits, nothing z.coerce would also turn into one. */
describe("whole numbers in requests", () => {
  const test = (port: unknown) => ZConnectionTestInput.safeParse({ host: "api.example.com", port });
  const days = (self_signed_days: unknown) =>
    ZKeyRequest.safeParse({
      key_type: "ec-p256",
      subject: { common_name: "a" },
      usage: "server",
      self_signed_days,
    });

  it("takes a number and a form's digits", () => {
    expect(test(8443).data?.port).toBe(8443);
    expect(test("8443").data?.port).toBe(8443);
    expect(test(undefined).data?.port).toBe(443);
    expect(days("30").data?.self_signed_days).toBe(30);
  });

  it.each([true, [443], "0x1bb", "1e3", " 443 ", "", null])("refuses %j", (v) => {
    expect(test(v).success).toBe(false);
    expect(days(v).success).toBe(false);
  });
});
