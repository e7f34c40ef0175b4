import { DescribeVpcEndpointServiceConfigurationsCommand, EC2Client } from "@aws-sdk/client-ec2";
import { createSandboxCloud } from "@/lib/sandbox/cloud";
import { startSandboxServer } from "@/lib/sandbox/http-server";

/** `npm run sandbox`: the sandbox cloud on a local port, for AWS_ENDPOINT_URL. */
async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_PORT ?? "4566");
  const stateFile = process.env.SANDBOX_STATE_FILE ?? ".onramp-data/sandbox-http.json";
  const profileText = process.env.SANDBOX_PROFILE ?? "realistic";
  if (profileText !== "realistic" && profileText !== "instant") {
    throw new Error("SANDBOX_PROFILE must be 'realistic' or 'instant'.");
  }
  const timeScale = process.env.SANDBOX_TIME_SCALE ? Number(process.env.SANDBOX_TIME_SCALE) : undefined;
  if (timeScale !== undefined && !(timeScale > 0)) throw new Error("SANDBOX_TIME_SCALE must be a positive number.");
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error("SANDBOX_PORT must be a port number.");
  const limitsText = process.env.SANDBOX_ENFORCE_REQUEST_LIMITS ?? "false";
  if (limitsText !== "true" && limitsText !== "false") throw new Error("SANDBOX_ENFORCE_REQUEST_LIMITS must be 'true' or 'false'.");
  const enforceRequestLimits = limitsText === "true";

  const cloud = createSandboxCloud({ stateFile, profile: profileText, timeScale, enforceRequestLimits });
  const server = await startSandboxServer(cloud, { port });
  const credentials = cloud.credentialsFor(cloud.providerAccountId);

  console.log(
    `Sandbox cloud listening on ${server.url} (profile ${profileText}, state ${stateFile}, request limits ${enforceRequestLimits ? "enforced" : "off"})`,
  );
  console.log(`# provider account ${cloud.providerAccountId}`);
  console.log(`export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`);
  console.log(`export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`);
  console.log(`export AWS_ENDPOINT_URL=${server.url}`);

  for (const region of ["us-east-1", "eu-west-1"]) {
    const ec2 = new EC2Client({ region, credentials, requestHandler: cloud.requestHandler() });
    const { ServiceConfigurations = [] } = await ec2.send(new DescribeVpcEndpointServiceConfigurationsCommand({}));
    for (const service of ServiceConfigurations) {
      const product = service.Tags?.find((tag) => tag.Key === "onramp:product-name")?.Value ?? "(untagged)";
      console.log(`# ${region} ${service.ServiceId} ${service.ServiceName} ${product}`);
    }
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    await cloud.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
