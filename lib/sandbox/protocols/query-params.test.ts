import { describe, expect, it } from "vitest";
import { QueryParams } from "@/lib/sandbox/protocols/query-params";

describe("QueryParams", () => {
  it("reads EC2 flattened lists and nested structures in index order", () => {
    const params = QueryParams.parse(
      "Action=X&SubnetId.2=b&SubnetId.1=a&Filter.1.Name=vpc-id&Filter.1.Value.1=v1&Filter.1.Value.2=v2&Filter.2.Name=state&Filter.2.Value.1=x",
    );
    expect(params.list("SubnetId")).toEqual(["a", "b"]);
    const filters = params.structList("Filter");
    expect(filters.map((f) => f.string("Name"))).toEqual(["vpc-id", "state"]);
    expect(filters[0].list("Value")).toEqual(["v1", "v2"]);
    expect(params.list("Missing")).toEqual([]);
  });

  it("reads awsQuery member lists", () => {
    const params = QueryParams.parse("LoadBalancerArns.member.1=arn1&LoadBalancerArns.member.2=arn2");
    expect(params.list("LoadBalancerArns")).toEqual(["arn1", "arn2"]);
  });

  it("validates scalars and fingerprints requests without excluded keys", () => {
    const params = QueryParams.parse("A=1&B=true&ClientToken=t&C=nope");
    expect(params.integer("A")).toBe(1);
    expect(params.boolean("B")).toBe(true);
    expect(() => params.boolean("C")).toThrow(/Expecting a boolean/);
    expect(() => params.requiredString("Z")).toThrow(/must contain the parameter Z/);
    expect(params.fingerprint(["ClientToken"])).toBe(QueryParams.parse("C=nope&B=true&A=1").fingerprint([]));
  });
});
