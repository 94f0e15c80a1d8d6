import { describe, expect, it } from "vitest";
import { grantableRoles, grantRefusal, holdsAllOf } from "./role-hierarchy";

const owner = { name: "owner", permissions: "*" };
const admin = { name: "administrator", permissions: "*" };
const member = { name: "member", permissions: "" };
const membersOnly = { name: "people", permissions: "members:manage" };
const viewer = { name: "viewer", permissions: "settings:view" };
const manager = { name: "manager", permissions: "settings:manage" };
const ROLES = [owner, admin, member, membersOnly, viewer, manager];

describe("role hierarchy", () => {
  it("expands * and manage-implies-view when comparing permissions", () => {
    expect(holdsAllOf(admin, manager)).toBe(true);
    expect(holdsAllOf(manager, viewer)).toBe(true);
    expect(holdsAllOf(viewer, manager)).toBe(false);
    expect(holdsAllOf(membersOnly, admin)).toBe(false);
  });

  it("lets only owners grant or remove Owner and Administrator", () => {
    expect(grantRefusal(owner, admin, { current: member, self: false })).toBeNull();
    expect(grantRefusal(owner, member, { current: owner, self: false })).toBeNull();
    expect(grantRefusal(admin, owner, { current: member, self: false })?.message).toMatch(/Only an owner/);
    expect(grantRefusal(admin, admin)?.message).toMatch(/Only an owner/);
    expect(grantRefusal(admin, member, { current: owner, self: false })?.message).toMatch(/Only an owner/);
    expect(grantRefusal(admin, member, { current: admin, self: false })?.message).toMatch(/Only an owner/);
  });

  it("refuses a role with permissions the actor lacks (the Members: Manage escalation)", () => {
    expect(grantRefusal(membersOnly, admin, { current: membersOnly, self: false })).not.toBeNull();
    expect(grantRefusal(membersOnly, manager)?.message).toMatch(/permissions you do not hold/);
    expect(grantRefusal(membersOnly, member)).toBeNull();
    expect(grantRefusal(membersOnly, membersOnly, { current: member, self: false })).toBeNull();
  });

  it("lets only a holder of the TLS policy permission grant it (an owner or administrator, by default)", () => {
    const policyRole = { name: "policy-setters", permissions: "settings:manage,policy:manage" };
    const peopleAndTls = { name: "people-tls", permissions: "members:manage,settings:manage" };
    expect(grantRefusal(peopleAndTls, policyRole)?.message).toMatch(/permissions you do not hold/);
    expect(grantRefusal(owner, policyRole)).toBeNull();
  });

  it("refuses demoting a member who holds permissions the actor lacks", () => {
    expect(grantRefusal(membersOnly, member, { current: manager, self: false })?.message).toMatch(/holds permissions/);
    expect(grantRefusal(admin, member, { current: manager, self: false })).toBeNull();
  });

  it("refuses every change of one's own role, even for an owner", () => {
    expect(grantRefusal(owner, member, { current: owner, self: true })?.message).toMatch(/your own role/);
    expect(grantRefusal(membersOnly, admin, { current: membersOnly, self: true })?.message).toMatch(/your own role/);
  });

  it("offers each actor only the roles it may grant", () => {
    expect(grantableRoles(owner, ROLES).map((r) => r.name)).toEqual(ROLES.map((r) => r.name));
    expect(grantableRoles(admin, ROLES).map((r) => r.name)).toEqual(["member", "people", "viewer", "manager"]);
    expect(grantableRoles(membersOnly, ROLES).map((r) => r.name)).toEqual(["member", "people"]);
  });
});
