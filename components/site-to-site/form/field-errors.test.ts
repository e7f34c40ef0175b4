import { describe, expect, it } from "vitest";
import { errorsElsewhere, errorsUnder } from "./field-errors";

const ERRORS = {
  routing: ["Choose dynamic (BGP) or static routing."],
  "routing.asn": ["ASN 7224 is reserved by AWS."],
  routingExtra: ["not under routing"],
  "tunnels.1.preSharedKey": ["A pre-shared key cannot start with 0 (zero)."],
  location: ["Choose where your network is."],
};

describe("field errors", () => {
  it("gathers a field's errors and those of the fields below it, not of look-alike names", () => {
    expect(errorsUnder(ERRORS, "routing")).toEqual(["Choose dynamic (BGP) or static routing.", "ASN 7224 is reserved by AWS."]);
    expect(errorsUnder(ERRORS, "tunnels")).toEqual(["A pre-shared key cannot start with 0 (zero)."]);
    expect(errorsUnder(ERRORS, "deviceIp")).toBeUndefined();
  });

  it("returns what no control shows", () => {
    expect(errorsElsewhere(ERRORS, ["routing", "tunnels"])).toEqual(["not under routing", "Choose where your network is."]);
  });
});
