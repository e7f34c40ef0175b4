import { X509Certificate } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { crlSignedBy, parseCrl } from "@/lib/sandbox/x509/crl";
import { createOpensslCa } from "@/lib/sandbox/x509/openssl-fixtures";
import { pemBlocks } from "@/lib/sandbox/x509/pem";

const ca = createOpensslCa("Onramp CRL Test CA");
const other = createOpensslCa("Another CA");

afterAll(() => {
  ca.remove();
  other.remove();
});

function crlDer(pem: string): Buffer {
  const [block] = pemBlocks(pem);
  if (!block) throw new Error("no PEM block");
  return block.der;
}

describe("parseCrl", () => {
  it("reads an empty list and verifies its signer", () => {
    const crl = parseCrl(crlDer(ca.crl()));
    expect(crl.revokedSerials).toEqual([]);
    expect(crl.nextUpdate).toBeGreaterThan(crl.thisUpdate);
    expect(crlSignedBy(crl, new X509Certificate(ca.certificatePem))).toBe(true);
    expect(crlSignedBy(crl, new X509Certificate(other.certificatePem))).toBe(false);
  });

  it("lists revoked serials as normalized hex", () => {
    const first = ca.issue("device-1", { profile: "client", keyType: "rsa:1024" });
    ca.issue("device-2", { profile: "client", keyType: "rsa:1024" });
    ca.revoke(first);
    const crl = parseCrl(crlDer(ca.crl()));
    expect(crl.revokedSerials).toEqual([first.serial.replace(/^0+/, "")]);
    expect(new X509Certificate(first.certificatePem).serialNumber.replace(/^0+/, "")).toBe(crl.revokedSerials[0]);
  });

  it("rejects bytes that are not a CRL", () => {
    expect(() => parseCrl(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]))).toThrow(/not valid DER|Expected/);
    expect(() => parseCrl(crlDer(ca.certificatePem))).toThrow();
  });
});
