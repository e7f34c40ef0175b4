/**
 * The device's .ovpn, built from the endpoint's own export (ExportClientVpnClientConfiguration:
 * remote, protocol, the CA that verifies the server) by inlining the client's certificate and key,
 * as AWS's Client VPN guide does. The AWS VPN Client and OpenVPN both read inline blocks.
 */

const INLINE_BLOCK = /^<(cert|key)>$/m;

function block(tag: "cert" | "key", pem: string): string {
  return `<${tag}>\n${pem.trim()}\n</${tag}>\n`;
}

function withTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

/**
 * The export plus a `<cert>` block: the device certificate followed by the client CA that issued it,
 * so the file alone carries the chain up to the CA in its `<ca>` block. Not secret.
 */
export function configurationWithCertificate(endpointConfiguration: string, certificatePem: string, issuerPem: string): string {
  if (!/^remote\s/m.test(endpointConfiguration) || !/<ca>/.test(endpointConfiguration)) {
    throw new Error("The endpoint's client configuration has no remote or CA: it is not an OpenVPN client configuration.");
  }
  // The export never carries client credentials; a second <cert> would make OpenVPN refuse the file.
  if (INLINE_BLOCK.test(endpointConfiguration)) throw new Error("The endpoint's client configuration already holds client credentials.");
  return `${withTrailingNewline(endpointConfiguration)}${block("cert", `${certificatePem.trim()}\n${issuerPem.trim()}`)}`;
}

/** The complete configuration: a secret, handed out once and never stored in this form. */
export function configurationWithKey(configurationWithoutKey: string, privateKeyPem: string): string {
  return `${withTrailingNewline(configurationWithoutKey)}${block("key", privateKeyPem)}`;
}

/** A file name from the device's name: letters, digits and hyphens, never empty. */
export function configurationFileName(deviceName: string): string {
  const base = deviceName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `${base || "device"}.ovpn`;
}
