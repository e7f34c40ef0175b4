import { describe, expect, it } from "vitest";
import { OFFERED_PRODUCT_REGION_MESSAGE } from "@/lib/connectivity/privatelink/input";
import {
  customerGatewayAsnParameter,
  siteToSiteInput,
  siteToSiteInputFor,
  type SiteToSiteContext,
} from "@/lib/connectivity/site-to-site/input";

const PRODUCT_A = "7d9f3c0e-4b1a-4c55-9d0e-2f6a1b3c4d5e";
const PRODUCT_B = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const PRODUCT_ELSEWHERE = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

const context: SiteToSiteContext = {
  deviceTypeIds: ["9005b6c1", "4c8cd5a4"],
  productRegions: new Map([
    [PRODUCT_A, "eu-west-1"],
    [PRODUCT_B, "eu-west-1"],
    [PRODUCT_ELSEWHERE, "us-east-1"],
  ]),
  amazonSideAsn: 64512,
};

const valid = {
  siteName: "Head office",
  location: "on_premises",
  deviceIp: "8.20.30.40",
  routing: { type: "bgp", asn: "65010" },
  onPremCidrs: ["10.20.0.0/16", "192.168.50.0/24"],
  deviceTypeId: "9005b6c1",
  accelerated: false,
  productRegionIds: [PRODUCT_A],
};

/** Messages by dotted path, for the fields a test changed. */
function problems(input: Record<string, unknown>, schema = siteToSiteInputFor(context)): Record<string, string[]> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const byPath: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.join(".");
    (byPath[key] ??= []).push(issue.message);
  }
  return byPath;
}

function only(field: string, value: unknown, extra: Record<string, unknown> = {}): string[] {
  const found = problems({ ...valid, ...extra, [field]: value });
  return Object.entries(found).flatMap(([path, messages]) => messages.map((m) => `${path}: ${m}`));
}

describe("a valid site", () => {
  it("parses and normalises", () => {
    const parsed = siteToSiteInputFor(context).parse({
      ...valid,
      siteName: "  Head office ",
      deviceIp: " 8.20.30.40 ",
      onPremCidrs: "10.20.0.0/16\n192.168.50.0/24, 172.20.0.0/14",
      accelerated: "on",
      cloud: "azure",
      tunnels: [{ insideCidr: "169.254.10.0/30", preSharedKey: "Abc.def_123" }, { insideCidr: "", preSharedKey: "" }],
    });
    expect(parsed).toEqual({
      siteName: "Head office",
      location: "on_premises",
      cloud: undefined,
      deviceIp: "8.20.30.40",
      routing: { type: "bgp", asn: 65010 },
      onPremCidrs: ["10.20.0.0/16", "192.168.50.0/24", "172.20.0.0/14"],
      deviceTypeId: "9005b6c1",
      accelerated: true,
      productRegionIds: [PRODUCT_A],
      tunnels: [{ insideCidr: "169.254.10.0/30", preSharedKey: "Abc.def_123" }, { insideCidr: undefined, preSharedKey: undefined }],
    });
  });

  it("accepts static routing, other clouds, several products in one region", () => {
    expect(problems({ ...valid, routing: { type: "static" }, location: "other_cloud", cloud: "oracle", productRegionIds: [PRODUCT_A, PRODUCT_B] })).toEqual({});
  });

  it("accepts asdot and 4-byte ASNs", () => {
    const parsed = siteToSiteInput.parse({ ...valid, routing: { type: "bgp", asn: "1.10" } });
    expect(parsed.routing).toEqual({ type: "bgp", asn: 65546 });
    expect(problems({ ...valid, routing: { type: "bgp", asn: 4_200_000_000 } })).toEqual({});
  });
});

describe("site name and location", () => {
  it("needs a name of printable text up to 64 characters", () => {
    expect(only("siteName", "  ")).toEqual(["siteName: Enter a name for this site, e.g. “Head office”."]);
    expect(only("siteName", "x".repeat(65))).toEqual(["siteName: Site name can be at most 64 characters."]);
    expect(only("siteName", "<b>HQ</b>")).toEqual(["siteName: Site name can use letters, digits, spaces and . , : ( ) / & ' + - _ only."]);
  });

  it("needs a location, and the cloud when it is another cloud", () => {
    expect(only("location", "aws")).toEqual(["location: Choose where your network is: on premises or another cloud."]);
    expect(only("location", "other_cloud")).toEqual(["cloud: Choose the cloud: Azure, Google Cloud, Oracle Cloud or other."]);
    expect(only("cloud", "alibaba", { location: "other_cloud" })).toEqual(["cloud: Choose the cloud: Azure, Google Cloud, Oracle Cloud or other."]);
  });
});

describe("device IP", () => {
  it.each([
    ["10.1.2.3", "10.1.2.3 is in 10.0.0.0/8, private address space (RFC 1918)"],
    ["172.16.5.4", "172.16.5.4 is in 172.16.0.0/12, private address space (RFC 1918)"],
    ["192.168.1.1", "192.168.1.1 is in 192.168.0.0/16, private address space (RFC 1918)"],
    ["100.64.1.1", "100.64.1.1 is in 100.64.0.0/10, shared carrier-grade NAT space (RFC 6598)"],
    ["127.0.0.1", "127.0.0.1 is in 127.0.0.0/8, loopback (RFC 1122)"],
    ["169.254.1.1", "169.254.1.1 is in 169.254.0.0/16, link-local space (RFC 3927)"],
    ["192.0.2.1", "192.0.2.1 is in 192.0.2.0/24, documentation space TEST-NET-1 (RFC 5737)"],
    ["198.51.100.1", "198.51.100.1 is in 198.51.100.0/24, documentation space TEST-NET-2 (RFC 5737)"],
    ["203.0.113.1", "203.0.113.1 is in 203.0.113.0/24, documentation space TEST-NET-3 (RFC 5737)"],
    ["198.18.0.1", "198.18.0.1 is in 198.18.0.0/15, benchmarking space (RFC 2544)"],
    ["192.88.99.1", "192.88.99.1 is in 192.88.99.0/24, the retired 6to4 relay anycast block (RFC 7526)"],
    ["192.0.0.1", "192.0.0.1 is in 192.0.0.0/24, IETF protocol assignments (RFC 6890)"],
    ["0.1.1.1", "0.1.1.1 is in 0.0.0.0/8, “this network” (RFC 791), not a host address"],
    ["224.0.0.1", "224.0.0.1 is in 224.0.0.0/4, multicast (RFC 5771)"],
    ["240.0.0.1", "240.0.0.1 is in 240.0.0.0/4, reserved space (RFC 1112)"],
    ["255.255.255.255", "255.255.255.255 is in 255.255.255.255/32, the limited broadcast address (RFC 919)"],
  ])("refuses %s, naming its range", (ip, start) => {
    const [message] = only("deviceIp", ip);
    expect(message).toBe(
      `deviceIp: ${start}, which cannot be reached from the internet. Enter the public IPv4 address your VPN device uses on the internet (behind NAT, the NAT device's public address).`,
    );
  });

  it("refuses what is not an address", () => {
    expect(only("deviceIp", "vpn.example.com")).toEqual([
      "deviceIp: “vpn.example.com” is not an IPv4 address. Enter the public IPv4 address your VPN device uses on the internet (behind NAT, the NAT device's public address).",
    ]);
    expect(only("deviceIp", "")).toHaveLength(1);
    expect(only("deviceIp", "08.8.8.8")).toHaveLength(1);
  });
});

describe("routing and ASN", () => {
  const asn = (value: unknown) => only("routing", { type: "bgp", asn: value });
  const hint = "If you have no ASN of your own, use a private one from 64512 to 65534.";

  it("refuses ASNs AWS reserves, naming the region", () => {
    expect(asn(7224)).toEqual([`routing.asn: ASN 7224 is reserved by AWS (us-east-1) and cannot be used for your device. ${hint}`]);
    expect(asn(9059)).toEqual([`routing.asn: ASN 9059 is reserved by AWS (eu-west-1) and cannot be used for your device. ${hint}`]);
    expect(asn(10124)).toEqual([`routing.asn: ASN 10124 is reserved by AWS (ap-northeast-1) and cannot be used for your device. ${hint}`]);
    expect(asn(17493)).toEqual([`routing.asn: ASN 17493 is reserved by AWS (ap-southeast-1) and cannot be used for your device. ${hint}`]);
  });

  it("refuses ASNs no one may use", () => {
    expect(asn(0)).toEqual([`routing.asn: ASN 0 is reserved and cannot identify a BGP speaker (RFC 7607). ${hint}`]);
    expect(asn("23456")).toEqual([`routing.asn: ASN 23456 is AS_TRANS, a placeholder 2-byte routers use for 4-byte ASNs (RFC 6793); use your real ASN. ${hint}`]);
    expect(asn(65535)).toEqual([`routing.asn: ASN 65535 is reserved (RFC 7300). ${hint}`]);
    expect(asn(4_294_967_295)).toEqual([`routing.asn: ASN 4294967295 is reserved (RFC 7300). ${hint}`]);
  });

  it("refuses what is not an ASN", () => {
    expect(asn(4_294_967_296)).toEqual([`routing.asn: An ASN is a number from 1 to 4294967294. ${hint}`]);
    for (const bad of ["-1", "65000a", "", 1.5]) expect(asn(bad)).toEqual([`routing.asn: Enter your BGP ASN, e.g. 65000. ${hint}`]);
  });

  it("refuses the AWS side's own ASN", () => {
    expect(asn(64512)).toEqual(["routing.asn: ASN 64512 is the AWS side's own ASN; your device needs a different one, e.g. 65000."]);
    expect(problems({ ...valid, routing: { type: "bgp", asn: 64512 } }, siteToSiteInput)).toEqual({});
  });

  it("needs a routing choice; Google Cloud needs BGP", () => {
    expect(only("routing", { type: "ospf" })).toEqual(["routing.type: Choose dynamic (BGP) or static routing."]);
    expect(only("routing", { type: "static" }, { location: "other_cloud", cloud: "gcp" })).toEqual([
      "routing.type: Google Cloud HA VPN needs dynamic routing: choose BGP and give your Cloud Router's ASN.",
    ]);
  });

  it("says which parameter CreateCustomerGateway takes", () => {
    expect(customerGatewayAsnParameter(65000)).toEqual({ BgpAsn: 65000 });
    expect(customerGatewayAsnParameter(2_147_483_647)).toEqual({ BgpAsn: 2_147_483_647 });
    expect(customerGatewayAsnParameter(4_200_000_000)).toEqual({ BgpAsnExtended: 4_200_000_000 });
  });
});

describe("on-premises CIDRs", () => {
  const cidrs = (value: unknown) => only("onPremCidrs", value);

  it("needs 1 to 20", () => {
    const hint = "Enter the IPv4 networks at your site that need to reach the service, as CIDRs, e.g. 10.20.0.0/16.";
    expect(cidrs([])).toEqual([`onPremCidrs: ${hint}`]);
    expect(cidrs("  ")).toEqual([`onPremCidrs: ${hint}`]);
    expect(cidrs(Array.from({ length: 21 }, (_, i) => `10.${i}.0.0/16`))).toEqual([
      "onPremCidrs: List at most 20 networks; summarise neighbouring ones into a shorter prefix.",
    ]);
  });

  it("says the canonical form when host bits are set", () => {
    expect(cidrs(["10.20.30.40/16"])).toEqual(["onPremCidrs.0: 10.20.30.40/16 has host bits set; the network is 10.20.0.0/16. Enter it in that form."]);
  });

  it("refuses malformed, too broad and unroutable ranges", () => {
    expect(cidrs(["10.0.0.0"])).toEqual([
      "onPremCidrs.0: “10.0.0.0” is not an IPv4 CIDR. Enter the IPv4 networks at your site that need to reach the service, as CIDRs, e.g. 10.20.0.0/16.",
    ]);
    expect(cidrs(["0.0.0.0/0"])).toEqual(["onPremCidrs.0: 0.0.0.0/0 would send all your traffic into the tunnel. List the networks that need the service."]);
    expect(cidrs(["10.0.0.0/7"])).toEqual(["onPremCidrs.0: 10.0.0.0/7 is too broad: use /8 or longer, listing the networks that need the service."]);
    expect(cidrs(["169.254.10.0/24"])).toEqual([
      "onPremCidrs.0: 169.254.10.0/24 overlaps 169.254.0.0/16, link-local space (RFC 3927), which cannot be routed over a VPN; the VPN tunnels themselves use that range.",
    ]);
    expect(cidrs(["127.0.0.0/8"])[0]).toMatch(/overlaps 127\.0\.0\.0\/8, loopback/);
    expect(cidrs(["224.0.0.0/8"])[0]).toMatch(/multicast/);
    expect(cidrs(["240.0.0.0/8"])[0]).toMatch(/reserved space/);
  });

  it("accepts private, shared and public space, and single hosts", () => {
    expect(cidrs(["10.0.0.0/8", "100.64.0.0/10", "8.8.8.0/24", "172.16.0.1/32"])).toEqual([]);
  });

  it("names both ranges when they overlap, and duplicates", () => {
    expect(cidrs(["10.0.0.0/16", "10.0.128.0/17"])).toEqual(["onPremCidrs.1: 10.0.128.0/17 overlaps 10.0.0.0/16. List each network once; 10.0.0.0/16 covers both."]);
    expect(cidrs(["10.0.128.0/17", "10.0.0.0/16"])).toEqual(["onPremCidrs.1: 10.0.0.0/16 overlaps 10.0.128.0/17. List each network once; 10.0.0.0/16 covers both."]);
    expect(cidrs(["192.168.1.0/24", "192.168.1.0/24"])).toEqual(["onPremCidrs.1: 192.168.1.0/24 is listed twice."]);
  });
});

describe("device type and products", () => {
  it("needs a device type AWS lists", () => {
    expect(only("deviceTypeId", "")).toEqual(["deviceTypeId: Choose your VPN device's vendor and platform from the list."]);
    expect(only("deviceTypeId", "deadbeef")).toEqual(["deviceTypeId: Choose your VPN device's vendor and platform from the list."]);
    expect(problems({ ...valid, deviceTypeId: "deadbeef" }, siteToSiteInput)).toEqual({});
  });

  it("needs offered products, once each, in one region", () => {
    expect(only("productRegionIds", [])).toEqual(["productRegionIds: Choose at least one product."]);
    expect(only("productRegionIds", ["not-a-uuid"])).toEqual([`productRegionIds.0: ${OFFERED_PRODUCT_REGION_MESSAGE}`]);
    expect(only("productRegionIds", ["11111111-2222-4333-8444-555555555555"])).toEqual([`productRegionIds.0: ${OFFERED_PRODUCT_REGION_MESSAGE}`]);
    expect(only("productRegionIds", [PRODUCT_A, PRODUCT_A])).toEqual(["productRegionIds: Each product can be chosen once."]);
    expect(only("productRegionIds", [PRODUCT_A, PRODUCT_ELSEWHERE])).toEqual([
      "productRegionIds: One site connects in one AWS region; these products are in eu-west-1 and us-east-1. Add a site per region.",
    ]);
    expect(only("productRegionIds", Array.from({ length: 11 }, () => PRODUCT_A))[0]).toBe("productRegionIds: Choose at most 10 products for one site.");
  });

  it("reads acceleration from a checkbox", () => {
    expect(siteToSiteInput.parse({ ...valid, accelerated: undefined }).accelerated).toBe(false);
    expect(only("accelerated", "maybe")).toEqual(["accelerated: Choose whether to accelerate the VPN."]);
  });
});

describe("tunnel options", () => {
  const tunnels = (first: Record<string, string>, second: Record<string, string> = {}, extra: Record<string, unknown> = {}) =>
    only("tunnels", [first, second], extra);

  it("takes a /30 in 169.254.0.0/16 that AWS does not reserve", () => {
    const shape = "a tunnel inside CIDR is a /30 in 169.254.0.0/16, e.g. 169.254.10.0/30.";
    expect(tunnels({ insideCidr: "169.254.10.0/29" })).toEqual([`tunnels.0.insideCidr: 169.254.10.0/29 is not allowed: ${shape}`]);
    expect(tunnels({ insideCidr: "10.0.0.0/30" })).toEqual([`tunnels.0.insideCidr: 10.0.0.0/30 is not allowed: ${shape}`]);
    expect(tunnels({ insideCidr: "garbage" })).toEqual([`tunnels.0.insideCidr: garbage is not allowed: ${shape}`]);
    expect(tunnels({ insideCidr: "169.254.10.1/30" })).toEqual(["tunnels.0.insideCidr: 169.254.10.1/30 has host bits set; the /30 is 169.254.10.0/30. Enter it in that form."]);
    const reserved = "is reserved by AWS; choose another /30 in 169.254.0.0/16 (not 169.254.0.0/30 to 169.254.5.0/30, nor 169.254.169.252/30).";
    for (const cidr of ["169.254.0.0/30", "169.254.3.0/30", "169.254.5.0/30", "169.254.169.252/30"]) {
      expect(tunnels({}, { insideCidr: cidr })).toEqual([`tunnels.1.insideCidr: ${cidr} ${reserved}`]);
    }
    expect(tunnels({ insideCidr: "169.254.5.4/30" }, { insideCidr: "169.254.6.0/30" })).toEqual([]);
  });

  it("needs the two tunnels to differ", () => {
    expect(tunnels({ insideCidr: "169.254.10.0/30" }, { insideCidr: "169.254.10.0/30" })).toEqual(["tunnels.1.insideCidr: The two tunnels need different inside CIDRs."]);
  });

  it("keeps Azure BGP inside its APIPA range", () => {
    const azure = { location: "other_cloud", cloud: "azure" };
    expect(tunnels({ insideCidr: "169.254.10.0/30" }, { insideCidr: "169.254.22.252/30" }, azure)).toEqual([
      "tunnels.0.insideCidr: Azure only takes BGP addresses from 169.254.21.0 to 169.254.22.255: choose a /30 there, e.g. 169.254.21.0/30.",
    ]);
    expect(tunnels({ insideCidr: "169.254.10.0/30" }, {}, { ...azure, routing: { type: "static" } })).toEqual([]);
  });

  it("checks pre-shared keys against AWS's rules", () => {
    expect(tunnels({ preSharedKey: "short" })).toEqual(["tunnels.0.preSharedKey: A pre-shared key is 8 to 64 characters long; this one has 5."]);
    expect(tunnels({}, { preSharedKey: "a".repeat(65) })).toEqual(["tunnels.1.preSharedKey: A pre-shared key is 8 to 64 characters long; this one has 65."]);
    expect(tunnels({ preSharedKey: "has-dash-1" })).toEqual(["tunnels.0.preSharedKey: A pre-shared key can use letters, digits, periods (.) and underscores (_) only."]);
    expect(tunnels({ preSharedKey: "0abcdefgh" })).toEqual(["tunnels.0.preSharedKey: A pre-shared key cannot start with 0 (zero)."]);
    expect(tunnels({ preSharedKey: "a".repeat(64) }, { preSharedKey: "A1._b2c3" })).toEqual([]);
  });

  it("needs options for both tunnels or none", () => {
    expect(only("tunnels", [{ insideCidr: "169.254.10.0/30" }])).toEqual(["tunnels: Give options for both tunnels, or for none."]);
  });
});

it("reports every bad field at once", () => {
  const found = problems({ siteName: "", location: "other_cloud", deviceIp: "10.0.0.1", routing: { type: "bgp", asn: 7224 }, onPremCidrs: ["10.0.0.1/8"], deviceTypeId: "x", productRegionIds: [] });
  expect(Object.keys(found).sort()).toEqual(["cloud", "deviceIp", "deviceTypeId", "onPremCidrs.0", "productRegionIds", "routing.asn", "siteName"]);
});
