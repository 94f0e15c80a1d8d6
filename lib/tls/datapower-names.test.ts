import { describe, expect, it } from "vitest";
import { dataPowerNames } from "./datapower-names";

describe("DataPower object names", () => {
  it("follow the documented forms, with the catalog as a placeholder", () => {
    expect(dataPowerNames("acme", "partner-mtls", "1.0.0")).toEqual({
      api_gateway: "acme_{catalog}_tlsp-partner-mtlsV1.0.0",
      v5_compatible_gateway: "acme-partner-mtlsV1.0.0",
      note: expect.stringContaining("no catalogs yet"),
    });
  });
});
