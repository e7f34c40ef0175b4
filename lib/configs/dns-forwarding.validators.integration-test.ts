/**
 * The DNS forwarding snippets checked by the servers' own tools: named-checkconf (BIND),
 * unbound-checkconf, dnsmasq --test, and the system shell for the Infoblox, Azure and Google Cloud
 * scripts (parsed by `sh -n`, then run with the cloud CLIs replaced by recorders, so quoting and
 * the JSON bodies are checked after the shell has expanded them).
 *
 * A missing tool fails the test with the install command: a green run must mean the snippets
 * were really checked. ONRAMP_SKIP_DNS_VALIDATORS=1 turns that into a skip on machines without them.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, type TestContext } from "vitest";
import { parseDnsForwardingInput, type DnsForwardingInput, type DnsForwardingTargets } from "./dns-forwarding-input";
import { azureConfig, bindConfig, bindValidateExcept, dnsmasqConfig, googleCloudConfig, infobloxConfig, unboundConfig } from "./dns-forwarding";
import { findExecutable } from "./validators/find-executable";

const APT_PACKAGES = "bind9-utils unbound dnsmasq";
// A switch for the test run itself, not Onramp configuration, so it is read here rather than in lib/env.ts.
const skipMissingValidators = process.env.ONRAMP_SKIP_DNS_VALIDATORS === "1";

const workDir = mkdtempSync(path.join(os.tmpdir(), "onramp-dns-validators-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function requireTool(ctx: TestContext, name: string): string {
  const found = findExecutable(name);
  if (found) return found;
  if (skipMissingValidators) ctx.skip(`${name} is not installed (ONRAMP_SKIP_DNS_VALIDATORS=1)`);
  throw new Error(
    `${name} is not installed, so the DNS forwarding snippets cannot be validated. Install the validators with ` +
      `"apt-get install -y ${APT_PACKAGES}", or set ONRAMP_SKIP_DNS_VALIDATORS=1 to skip these checks.`,
  );
}

let fileCounter = 0;
function writeWorkFile(name: string, content: string): string {
  fileCounter += 1;
  const file = path.join(workDir, `${fileCounter}-${name}`);
  writeFileSync(file, content);
  return file;
}

interface RunResult {
  status: number | null;
  output: string;
}

function run(command: string, args: string[], options: { cwd?: string } = {}): RunResult {
  const result = spawnSync(command, args, { encoding: "utf8", timeout: 20_000, cwd: options.cwd });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function targetsFrom(input: DnsForwardingInput): DnsForwardingTargets {
  const result = parseDnsForwardingInput(input);
  if (!result.ok) throw new Error(JSON.stringify(result.fieldErrors));
  return result.data;
}

const cases: Array<[string, DnsForwardingTargets]> = [
  [
    "a private DNS name and an endpoint suffix",
    targetsFrom({
      domains: ["analytics.acme-saas.example", "vpce-svc-0123456789abcdef0.us-east-1.vpce.amazonaws.com"],
      resolverIps: ["10.20.1.10", "10.20.2.10"],
      testNames: ["analytics.acme-saas.example"],
    }),
  ],
  [
    "many domains, six addresses and maximal labels",
    targetsFrom({
      domains: [
        ...Array.from({ length: 8 }, (_, i) => `product-${i}.xn--mnchen-3ya.example`),
        `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(53)}.example`,
      ],
      resolverIps: ["100.64.1.10", "100.64.2.10", "100.64.3.10", "172.31.0.5", "192.168.200.4", "10.0.0.200"],
      testNames: ["product-0.xn--mnchen-3ya.example"],
    }),
  ],
];

/** A full named.conf: the customer's options block with the exception, including our file. */
function namedConf(targets: DnsForwardingTargets, includeFile: string): string {
  return [
    "options {",
    `    directory "${workDir}";`,
    "    recursion yes;",
    "    dnssec-validation auto;",
    `    ${bindValidateExcept(targets)}`,
    "};",
    `include "${includeFile}";`,
    "",
  ].join("\n");
}

/** A full unbound.conf that validates DNSSEC (inline root anchor) and includes our file. */
function unboundConf(includeFile: string): string {
  return [
    "server:",
    `    directory: "${workDir}"`,
    '    chroot: ""',
    '    username: ""',
    '    pidfile: ""',
    '    module-config: "validator iterator"',
    '    trust-anchor: ". DS 20326 8 2 E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D"',
    "    private-address: 10.0.0.0/8",
    `include: "${includeFile}"`,
    "",
  ].join("\n");
}

/** A full dnsmasq configuration with rebinding protection, including our file. */
function dnsmasqConf(includeFile: string): string {
  return ["no-resolv", "stop-dns-rebind", `conf-file=${includeFile}`, ""].join("\n");
}

/** Shell functions that stand in for the cloud CLIs: each call appends its arguments (NUL-separated) or its stdin to a log. */
function recorders(log: string): string {
  return [
    `record() { printf '%s\\0' "$@" >> '${log}'; printf '\\n' >> '${log}'; }`,
    "az() { record az \"$@\"; }",
    "gcloud() { record gcloud \"$@\"; }",
    `curl() { record curl "$@"; cat >> '${log}.stdin'; printf '\\036' >> '${log}.stdin'; }`,
    "",
  ].join("\n");
}

function recordedCalls(log: string): string[][] {
  return readFileSync(log, "utf8")
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split("\0").slice(0, -1));
}

/** Runs a generated script with the recorders in place of the real CLIs. */
function runScript(ctx: TestContext, script: string): { calls: string[][]; stdin: string[] } {
  const sh = requireTool(ctx, "sh");
  const log = writeWorkFile("calls.log", "");
  writeFileSync(`${log}.stdin`, "");
  const file = writeWorkFile("script.sh", `${recorders(log)}${script}`);
  const syntax = run(sh, ["-n", file]);
  expect(syntax.status, syntax.output).toBe(0);
  const result = run(sh, [file]);
  expect(result.status, result.output).toBe(0);
  const stdin = readFileSync(`${log}.stdin`, "utf8").split("\u001e").filter((body) => body.trim() !== "");
  return { calls: recordedCalls(log), stdin };
}

describe.each(cases)("DNS forwarding snippets for %s", (_label, targets) => {
  it("BIND: named-checkconf accepts a named.conf with the zones and validate-except", (ctx) => {
    const checkconf = requireTool(ctx, "named-checkconf");
    const include = writeWorkFile("onramp-dns-bind.conf", bindConfig(targets).content);
    const result = run(checkconf, [writeWorkFile("named.conf", namedConf(targets, include))]);
    expect(result.status, result.output).toBe(0);

    // The check is real: the same file with an invalid forward policy is refused.
    const broken = writeWorkFile("broken-bind.conf", bindConfig(targets).content.replace("forward only;", "forward sometimes;"));
    expect(run(checkconf, [writeWorkFile("named.conf", namedConf(targets, broken))]).status).not.toBe(0);
  });

  it("Unbound: unbound-checkconf accepts an unbound.conf that includes the snippet", (ctx) => {
    const checkconf = requireTool(ctx, "unbound-checkconf");
    const include = writeWorkFile("onramp-dns-unbound.conf", unboundConfig(targets).content);
    const result = run(checkconf, [writeWorkFile("unbound.conf", unboundConf(include))]);
    expect(result.status, result.output).toBe(0);

    const broken = writeWorkFile("broken-unbound.conf", unboundConfig(targets).content.replaceAll(targets.resolverIps[0], "10.0.0.300"));
    expect(run(checkconf, [writeWorkFile("unbound.conf", unboundConf(broken))]).status).not.toBe(0);
  });

  it("dnsmasq: dnsmasq --test accepts a configuration that includes the snippet", (ctx) => {
    const dnsmasq = requireTool(ctx, "dnsmasq");
    const include = writeWorkFile("onramp-dns-dnsmasq.conf", dnsmasqConfig(targets).content);
    const result = run(dnsmasq, ["--test", `--conf-file=${writeWorkFile("dnsmasq.conf", dnsmasqConf(include))}`]);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/syntax check OK/);

    const broken = writeWorkFile("broken-dnsmasq.conf", dnsmasqConfig(targets).content.replaceAll(targets.resolverIps[0], "10.0.0.300"));
    expect(run(dnsmasq, ["--test", `--conf-file=${writeWorkFile("dnsmasq.conf", dnsmasqConf(broken))}`]).status).not.toBe(0);
  });

  it("Infoblox: the shell sends one valid zone_forward JSON body per domain", (ctx) => {
    const { calls, stdin } = runScript(ctx, infobloxConfig(targets).content);
    expect(calls).toHaveLength(targets.domains.length);
    for (const call of calls) expect(call).toEqual(expect.arrayContaining(["-X", "POST", "https://grid-master.example.internal/wapi/v2.12/zone_forward"]));
    const bodies: unknown[] = stdin.map((body) => JSON.parse(body));
    expect(bodies).toHaveLength(targets.domains.length);
    bodies.forEach((body, index) => {
      expect(body).toMatchObject({
        fqdn: targets.domains[index],
        view: "default",
        forwarders_only: true,
        forward_to: targets.resolverIps.map((address) => ({ address })),
        forwarding_servers: [{ name: "ns1.example.internal", forwarders_only: true }],
      });
    });
  });

  it("Azure: the shell passes each rule's domain and targets as single arguments", (ctx) => {
    const { calls } = runScript(ctx, azureConfig(targets).content);
    const rules = calls.filter((call) => call.slice(0, 4).join(" ") === "az dns-resolver forwarding-rule create");
    expect(rules).toHaveLength(targets.domains.length);
    const expectedTargets = `[${targets.resolverIps.map((ip) => `{ip-address:${ip},port:53}`).join(",")}]`;
    rules.forEach((call, index) => {
      expect(call[call.indexOf("--domain-name") + 1]).toBe(`${targets.domains[index]}.`);
      expect(call[call.indexOf("--target-dns-servers") + 1]).toBe(expectedTargets);
    });
    expect(calls[0].slice(0, 4).join(" ")).toBe("az dns-resolver forwarding-ruleset create");
    expect(calls[calls.length - 1].slice(0, 4).join(" ")).toBe("az dns-resolver vnet-link create");
  });

  it("Google Cloud: the shell creates private forwarding zones and advertises 35.199.192.0/19", (ctx) => {
    const { calls } = runScript(ctx, googleCloudConfig(targets).content);
    const zones = calls.filter((call) => call.slice(0, 4).join(" ") === "gcloud dns managed-zones create");
    expect(zones).toHaveLength(targets.domains.length);
    zones.forEach((call, index) => {
      expect(call).toContain(`--dns-name=${targets.domains[index]}.`);
      expect(call).toContain("--visibility=private");
      expect(call).toContain(`--private-forwarding-targets=${targets.resolverIps.join(",")}`);
    });
    const routerUpdate = calls.find((call) => call.slice(0, 4).join(" ") === "gcloud compute routers update");
    expect(routerUpdate).toContain("--set-advertisement-ranges=35.199.192.0/19");
  });
});
