import { describe, expect, it } from "vitest";
import { deliveredLocations, deliveredTypes } from "./catalog";

describe("connectivity catalog", () => {
  it("offers only what is delivered: On AWS with a PrivateLink interface endpoint", () => {
    expect(deliveredLocations().map((l) => l.id)).toEqual(["aws"]);
    expect(deliveredTypes("aws").map((t) => t.id)).toEqual(["privatelink"]);
    expect(deliveredTypes("on_premises")).toEqual([]);
  });
});
