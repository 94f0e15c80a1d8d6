import { describe, expect, it } from "vitest";
import { ZGenerateField } from "@/lib/tls/key-request";

/**
 * What a key request may carry into a CSR (ADR 024): subject parts are UTF8String, SAN e-mail and URI values are
 * IA5String (ASCII). Text the encoder cannot write (a lone surrogate: the worker threw, answered with 500) or that
 * would forge a line where subjects are shown (control characters) is refused at its field, before any key is made.
 */
const request = (over: Record<string, unknown>) => ({
  key_type: "ec-p256",
  subject: { common_name: "api.example.com" },
  subject_alt_names: [],
  usage: "server",
  ...over,
});
const fieldsOf = (generate: unknown) => {
  const r = ZGenerateField.safeParse({ generate });
  return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
};

describe("key request text", () => {
  it.each([
    ["a lone high surrogate", "api\ud800"],
    ["a lone low surrogate", "\udc00"],
    ["a newline", "a\nCN=evil"],
    ["an escape sequence", "\u001b[31mred"],
    ["DEL", "a\u007f"],
    ["a C1 control", "a\u0085b"],
  ])("refuses %s in a subject part at its field", (_, text) => {
    expect(fieldsOf(request({ subject: { common_name: text } }))).toEqual(["generate.subject.common_name"]);
    expect(fieldsOf(request({ subject: { common_name: "x", organization: text } }))).toEqual([
      "generate.subject.organization",
    ]);
    expect(fieldsOf(request({ subject: { common_name: "x", locality: text } }))).toEqual(["generate.subject.locality"]);
  });

  it("keeps Unicode subjects (UTF8String), pairs of surrogates included, and RFC 4514 specials", () => {
    expect(fieldsOf(request({ subject: { common_name: "Bücher 😀", organization: 'Acme, Inc. + "Co"' } }))).toEqual([]);
  });

  it.each([
    "email:ü@example.de",
    "email:a\u0001@example.de",
    "email:a\ud800@example.de",
    "URI:https://bücher.example/",
    "URI:https://example.com/\ud800",
    "URI:https://example.com/\u0001",
  ])("refuses %j: e-mail and URI names are ASCII (IA5String) without controls", (san) => {
    expect(fieldsOf(request({ subject_alt_names: [san] }))).toEqual(["generate.subject_alt_names.0"]);
  });

  it("keeps ASCII e-mail and URI names, punycode included", () => {
    expect(
      fieldsOf(request({ subject_alt_names: ["email:ops@xn--bcher-kva.example", "URI:spiffe://example.org/ns/a"] })),
    ).toEqual([]);
  });
});
