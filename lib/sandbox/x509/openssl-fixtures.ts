import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Test fixtures: a small certificate authority run by the `openssl` command line, so tests check
 * the sandbox against certificates and CRLs made by an independent implementation.
 */
export interface IssuedCertificate {
  certificatePem: string;
  privateKeyPem: string;
  /** Upper-case hex, as openssl's serial file holds it. */
  serial: string;
}

export interface IssueOptions {
  profile: "client" | "server";
  keyType?: "rsa:1024" | "rsa:2048" | "ec";
  /** A validity window in the past. */
  expired?: boolean;
}

export interface OpensslCa {
  certificatePem: string;
  privateKeyPem: string;
  issue(commonName: string, options: IssueOptions): IssuedCertificate;
  revoke(certificate: IssuedCertificate): void;
  /** A CRL (PEM) naming every certificate revoked so far. */
  crl(): string;
  remove(): void;
}

/** The config names the server's DNS name through $ENV::SERVER_NAME, which must always be set. */
function openssl(args: string[], cwd: string, serverName = "unused.invalid"): void {
  execFileSync("openssl", args, { cwd, env: { ...process.env, SERVER_NAME: serverName }, stdio: ["ignore", "ignore", "pipe"] });
}

function keyArgs(keyType: IssueOptions["keyType"]): string[] {
  if (keyType === "ec") return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"];
  return ["-newkey", keyType ?? "rsa:2048"];
}

export function createOpensslCa(commonName: string): OpensslCa {
  const dir = mkdtempSync(join(tmpdir(), "onramp-ca-"));
  mkdirSync(join(dir, "issued"));
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "serial"), "1001\n");
  writeFileSync(join(dir, "crlnumber"), "01\n");
  writeFileSync(
    join(dir, "ca.cnf"),
    [
      "[ ca ]",
      "default_ca = test_ca",
      "[ test_ca ]",
      `dir = ${dir}`,
      "database = $dir/index.txt",
      "new_certs_dir = $dir/issued",
      "serial = $dir/serial",
      "crlnumber = $dir/crlnumber",
      "default_md = sha256",
      "default_days = 30",
      "default_crl_days = 30",
      "policy = any",
      "unique_subject = no",
      "[ any ]",
      "commonName = supplied",
      "[ client ]",
      "basicConstraints = CA:FALSE",
      "keyUsage = digitalSignature",
      "extendedKeyUsage = clientAuth",
      "[ server ]",
      "basicConstraints = CA:FALSE",
      "keyUsage = digitalSignature, keyEncipherment",
      "extendedKeyUsage = serverAuth",
      "subjectAltName = DNS:$ENV::SERVER_NAME",
      "",
    ].join("\n"),
  );
  const caArgs = ["-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key", "-batch"];
  openssl(
    [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "60",
      "-subj", `/CN=${commonName}`, "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  const read = (name: string) => readFileSync(join(dir, name), "utf8");
  return {
    certificatePem: read("ca.crt"),
    privateKeyPem: read("ca.key"),
    issue(name, options) {
      const serial = read("serial").trim();
      openssl(["req", "-new", ...keyArgs(options.keyType), "-nodes", "-keyout", `${serial}.key`, "-out", `${serial}.csr`, "-subj", `/CN=${name}`], dir);
      const window = options.expired ? ["-startdate", "20200101000000Z", "-enddate", "20200201000000Z"] : [];
      openssl(["ca", ...caArgs, "-notext", "-extensions", options.profile, ...window, "-in", `${serial}.csr`, "-out", `${serial}.crt`], dir, name);
      return { certificatePem: read(`${serial}.crt`), privateKeyPem: read(`${serial}.key`), serial };
    },
    revoke(certificate) {
      openssl(["ca", ...caArgs, "-revoke", `${certificate.serial}.crt`], dir);
    },
    crl() {
      openssl(["ca", ...caArgs, "-gencrl", "-out", "crl.pem"], dir);
      return read("crl.pem");
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
