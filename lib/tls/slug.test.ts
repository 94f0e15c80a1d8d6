import { describe, expect, it } from "vitest";
import { NAME_PATTERN, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["acme TLS Client Profile", "acme-tls-client-profile"],
    ["  Leading and trailing  ", "leading-and-trailing"],
    ["Ünïcödé Profilé", "unicode-profile"],
    ["a__b..c//d", "a-b-c-d"],
    ["---", ""],
    ["Gateway v5 (legacy)", "gateway-v5-legacy"],
  ])("%j → %j", (title, name) => {
    expect(slugify(title)).toBe(name);
  });

  it("caps length at 64 without a trailing dash", () => {
    const name = slugify(`${"a".repeat(63)} b`);
    expect(name.length).toBeLessThanOrEqual(64);
    expect(name.endsWith("-")).toBe(false);
  });

  it("produces names the name rule accepts", () => {
    for (const title of ["Acme", "x1 y2", "Default TLS client profile"])
      expect(NAME_PATTERN.test(slugify(title))).toBe(true);
  });
});
