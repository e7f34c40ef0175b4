import {
  DeleteCertificateCommand,
  ImportCertificateCommand,
  ListCertificatesCommand,
  ListTagsForCertificateCommand,
  type ACMClient,
} from "@aws-sdk/client-acm";
import { awsErrorCode } from "@/lib/aws/errors";
import { creating, required, waitFor } from "@/lib/connectivity/landing-network/step-env";
import { ensureResource, resourcesToRemove } from "@/lib/engine/adopt";
import type { StepOutcome } from "@/lib/engine/plan";
import { issueClientTrustCertificate } from "@/lib/pki/client-trust-certificate";
import type { IssuedCertificate } from "@/lib/pki/issue-certificate";
import { issueServerCertificate } from "@/lib/pki/server-certificate";
import { ensureAuthorities } from "./authorities";
import { named, tagsFor, type ClientVpnDeps, type StepEnv } from "./step-env";

/**
 * The endpoint's two ACM certificates: the server certificate, issued by the environment's root,
 * and the client trust certificate, whose chain (client CA, root) is what devices' certificates
 * must chain to. Both are RSA 2048, the largest key Client VPN accepts (lib/pki/rsa-keys.ts).
 * ImportCertificate takes no idempotency token, so each is tagged at import and looked for first.
 */
export interface EndpointCertificates {
  serverCertificateArn: string;
  clientTrustCertificateArn: string;
}

type CertificateRole = "server" | "client-trust";
const ROLES: readonly CertificateRole[] = ["server", "client-trust"];

const certificateTags = (env: StepEnv, role: CertificateRole) => tagsFor(env, { "onramp:certificate": role });
const pemBytes = (pem: string) => new TextEncoder().encode(pem);

/** ACM has no tag filter: the provider's imported certificates are few, so their tags are read one by one. */
async function findCertificates(acm: ACMClient, tags: Readonly<Record<string, string>>): Promise<string[]> {
  const arns: string[] = [];
  let NextToken: string | undefined;
  do {
    const page = await acm.send(new ListCertificatesCommand({ NextToken, Includes: { keyTypes: ["RSA_2048"] } }));
    for (const summary of page.CertificateSummaryList ?? []) {
      if (!summary.CertificateArn) continue;
      const held = (await acm.send(new ListTagsForCertificateCommand({ CertificateArn: summary.CertificateArn }))).Tags ?? [];
      if (Object.entries(tags).every(([key, value]) => held.some((tag) => tag.Key === key && tag.Value === value))) arns.push(summary.CertificateArn);
    }
    NextToken = page.NextToken;
  } while (NextToken);
  return arns;
}

export async function ensureCertificates(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<EndpointCertificates>> {
  const acm = deps.acm(env.input.region);
  const { root, client } = await ensureAuthorities(deps.db(), env.connectionId);
  const ensureImported = async (role: CertificateRole, issue: () => Promise<IssuedCertificate>) => {
    const tags = certificateTags(env, role);
    const { id } = await ensureResource(env, `certificate:${role}`, {
      find: () => findCertificates(acm, tags),
      create: async () => {
        // Key generation is slow; done before the checkpoint, only the import sits between the two.
        const issued = await issue();
        return creating(deps, env, async () => {
          const imported = await acm.send(
            new ImportCertificateCommand({
              Certificate: pemBytes(issued.certificatePem),
              PrivateKey: pemBytes(issued.privateKeyPem),
              CertificateChain: pemBytes(issued.chainPem),
              Tags: Object.entries(named(tags, env, role)).map(([Key, Value]) => ({ Key, Value })),
            }),
          );
          return required(imported.CertificateArn, "certificate ARN");
        });
      },
    });
    return id;
  };
  const serverCertificateArn = await ensureImported("server", () => issueServerCertificate(root, { region: env.input.region }));
  const clientTrustCertificateArn = await ensureImported("client-trust", () => issueClientTrustCertificate(client, { region: env.input.region }));
  return { done: { serverCertificateArn, clientTrustCertificateArn } };
}

/** Runs after the endpoint is deleted; ACM refuses while anything still uses a certificate, so that waits. */
export async function removeCertificates(deps: ClientVpnDeps, env: StepEnv): Promise<StepOutcome<Record<string, never>>> {
  const acm = deps.acm(env.input.region);
  for (const role of ROLES) {
    for (const arn of await resourcesToRemove(env, `certificate:${role}`, () => findCertificates(acm, certificateTags(env, role)))) {
      try {
        await acm.send(new DeleteCertificateCommand({ CertificateArn: arn }));
      } catch (error) {
        const code = awsErrorCode(error);
        if (code === "ResourceInUseException") return waitFor("The endpoint still holds its certificates.");
        if (code !== "ResourceNotFoundException") throw error;
      }
    }
  }
  return { done: {} };
}
