import { describe, expect, it } from "vitest";
import { may, OPERATIONS, type Operation } from "./operations";

const entries = Object.entries(OPERATIONS) as [Operation, (typeof OPERATIONS)[Operation]][];

describe("the operations table", () => {
  it("lets a TLS read need only settings:view, and every TLS write settings:manage", () => {
    for (const [operation, permission] of entries.filter(([, p]) => p.startsWith("settings:")))
      expect([operation, permission]).toEqual([
        operation,
        operation.startsWith("view") ? "settings:view" : "settings:manage",
      ]);
  });

  it("answers for a role's stored permissions, with manage implying view", () => {
    expect(may("settings:manage", "viewKeystores")).toBe(true);
    expect(may("settings:view", "createKeystore")).toBe(false);
    expect(may("settings:view,settings:manage", "rotateKeystore")).toBe(true);
    expect(may("settings:manage", "inviteMember")).toBe(false);
    expect(may("*", "inviteMember")).toBe(true);
  });
});
