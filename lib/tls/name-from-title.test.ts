import { describe, expect, it } from "vitest";
import { withNameFromTitle } from "./name-from-title";

describe("withNameFromTitle", () => {
  it.each([undefined, null, "", "  "])("derives the name from the title when it is %j", (name) => {
    expect(withNameFromTitle({ title: "Acme TLS Profile", name })).toEqual({
      title: "Acme TLS Profile",
      name: "acme-tls-profile",
    });
  });

  it("derives it when the name is left out", () => {
    expect(withNameFromTitle({ title: "Acme" })).toEqual({ title: "Acme", name: "acme" });
  });

  it("keeps a given name, and leaves anything it cannot read to the schema", () => {
    expect(withNameFromTitle({ title: "Acme", name: "mine" })).toEqual({ title: "Acme", name: "mine" });
    expect(withNameFromTitle({ title: 7 })).toEqual({ title: 7 });
    expect(withNameFromTitle({ title: "Acme", name: 7 })).toEqual({ title: "Acme", name: 7 });
    expect(withNameFromTitle(null)).toBeNull();
    expect(withNameFromTitle([])).toEqual([]);
  });
});
