import type { Prng } from "@/lib/sandbox/prng";

export type LatencyProfile = "instant" | "realistic";

/**
 * How long things take. Figures are what AWS was observed to take (AWS-FACTS.md, "State machines"
 * table, which collects AWS documentation, Terraform's waiter defaults and acceptance-test timings;
 * each method names its figure), multiplied by timeScale. Deletions are not in that table: the
 * figures used are commonly observed ones and say so. "instant" completes every transition at once
 * so tests need not wait.
 */
export class Timing {
  constructor(
    readonly profile: LatencyProfile,
    private scale: number,
  ) {}

  get timeScale(): number {
    return this.scale;
  }

  /** Changes the pace of what starts from now on; transitions already under way keep their times. */
  rescale(timeScale: number): void {
    if (this.profile === "instant") throw new Error("The instant profile has no time scale.");
    if (!(timeScale > 0)) throw new Error("A time scale must be positive.");
    this.scale = timeScale;
  }

  private scaled(prng: Prng, minSeconds: number, maxSeconds: number): number {
    if (this.profile === "instant") return 0;
    return Math.round(prng.int(minSeconds * 1000, maxSeconds * 1000) * this.scale);
  }

  /** Per-call latency of the API itself: 20-120 ms. */
  callLatencyMs(prng: Prng): number {
    if (this.profile === "instant") return 0;
    return Math.round(prng.int(20, 120) * Math.max(this.scale, 0.2));
  }

  /** Accepted interface endpoint: pending -> available. */
  endpointProvisionMs(prng: Prng): number {
    return this.scaled(prng, 60, 120);
  }

  /** Interface endpoint: deleting -> deleted. */
  endpointDeletionMs(prng: Prng): number {
    return this.scaled(prng, 30, 90);
  }

  /** VPN connection pending -> available: "usually 3-10 min" (AWS-FACTS.md; Terraform waits 40 min). */
  vpnConnectionProvisionMs(prng: Prng): number {
    return this.scaled(prng, 180, 600);
  }

  /** VPN connection deleting -> deleted: commonly observed at 1-3 min (Terraform waits 30 min). */
  vpnConnectionDeletionMs(prng: Prng): number {
    return this.scaled(prng, 60, 180);
  }

  /** Virtual private gateway attaching -> attached (and detaching -> detached): "usually < 1 min" (Terraform 15 min). */
  vpnGatewayAttachmentMs(prng: Prng): number {
    return this.scaled(prng, 20, 60);
  }

  /** Virtual private gateway pending -> available, deleting -> deleted: seconds, as observed. */
  vpnGatewayStateMs(prng: Prng): number {
    return this.scaled(prng, 5, 20);
  }

  /** Customer gateway pending -> available, deleting -> deleted: seconds, as observed. */
  customerGatewayStateMs(prng: Prng): number {
    return this.scaled(prng, 1, 5);
  }

  /** Transit gateway and its VPC attachments pending -> available: "~5 min each" (Terraform 10 min). */
  transitGatewayProvisionMs(prng: Prng): number {
    return this.scaled(prng, 240, 360);
  }

  /** Transit gateway or attachment deleting -> deleted: commonly observed at 1-3 min (Terraform 10 min). */
  transitGatewayDeletionMs(prng: Prng): number {
    return this.scaled(prng, 60, 180);
  }

  /** Transit gateway route table pending -> available, associations and propagations: under a minute, as observed. */
  transitGatewayRouteTableMs(prng: Prng): number {
    return this.scaled(prng, 10, 45);
  }

  /** Route 53 Resolver endpoint CREATING -> OPERATIONAL: "~2 min" (AWS-FACTS.md; Terraform waits 10 min). */
  resolverEndpointProvisionMs(prng: Prng): number {
    return this.scaled(prng, 90, 150);
  }

  /** Route 53 Resolver endpoint DELETING -> gone: commonly observed at about a minute (Terraform 10 min). */
  resolverEndpointDeletionMs(prng: Prng): number {
    return this.scaled(prng, 45, 90);
  }
  /**
   * Client VPN target network associating -> associated (the endpoint turns available with it):
   * "10-17 min: the slowest step" (AWS-FACTS.md; Terraform waits 30 min, first poll after 4 min).
   */
  clientVpnAssociationMs(prng: Prng): number {
    return this.scaled(prng, 600, 1020);
  }

  /** Client VPN disassociating -> disassociated: commonly observed at a few minutes (Terraform waits 30 min). */
  clientVpnDisassociationMs(prng: Prng): number {
    return this.scaled(prng, 120, 480);
  }

  /** Client VPN authorization rule authorizing -> active (and revoking): "~1-3 min" (Terraform 10 min). */
  clientVpnAuthorizationRuleMs(prng: Prng): number {
    return this.scaled(prng, 60, 180);
  }

  /** Client VPN route creating -> active (and deleting): "~1-3 min" (Terraform 4 min). */
  clientVpnRouteMs(prng: Prng): number {
    return this.scaled(prng, 60, 180);
  }

  /** Client VPN endpoint deleting -> deleted: commonly observed within a minute. */
  clientVpnEndpointDeletionMs(prng: Prng): number {
    return this.scaled(prng, 10, 60);
  }

  /** Revocation list import pending -> active: seconds, as observed. */
  clientVpnRevocationListMs(prng: Prng): number {
    return this.scaled(prng, 2, 10);
  }

  /** A reset OpenVPN client reconnects on its own (resolv-retry infinite): a few seconds later. */
  clientVpnReconnectMs(prng: Prng): number {
    return this.scaled(prng, 3, 15);
  }
}
