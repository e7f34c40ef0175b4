import type { CertificateAuthority } from "@/lib/pki/issue-certificate";

/**
 * The Client VPN endpoint a tenant's devices connect to. The shared environment
 * (lib/connectivity/client-vpn) owns it; device code takes it as an argument so that placing a
 * tenant on an endpoint stays the environment's decision.
 */
export interface EndpointRef {
  region: string;
  clientVpnEndpointId: string;
}

/** An endpoint with the client CA its ClientRootCertificateChainArn trusts, decrypted for signing. */
export interface DeviceEndpoint extends EndpointRef {
  clientCa: CertificateAuthority;
}
