import { describe, expect, it } from "vitest";
import { hasPermission } from "./permissions";

describe("permissions", () => {
  it("grants everything to *", () => {
    expect(hasPermission("*", "settings:manage")).toBe(true);
    expect(hasPermission("*", "members:manage")).toBe(true);
  });
  it("lets manage imply view, not the reverse", () => {
    expect(hasPermission("settings:manage", "settings:view")).toBe(true);
    expect(hasPermission("settings:view", "settings:manage")).toBe(false);
  });
  it("keeps the TLS policy apart from Settings: Manage: only * or policy:manage sets it", () => {
    expect(hasPermission("settings:view,settings:manage,members:manage", "policy:manage")).toBe(false);
    expect(hasPermission("*", "policy:manage")).toBe(true);
    expect(hasPermission("policy:manage", "policy:manage")).toBe(true);
  });
  it("grants nothing for an empty or unknown list", () => {
    expect(hasPermission("", "settings:view")).toBe(false);
    expect(hasPermission("settings:everything", "settings:view")).toBe(false);
  });
});
