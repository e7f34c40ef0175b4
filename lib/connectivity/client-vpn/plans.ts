import { getDb } from "@/db/client";
import { providerAcm, providerEc2, providerLogs } from "@/lib/aws/clients";
import { createClientVpnConnectionPlan } from "./connection-plan";
import { createClientVpnEnvironmentPlan } from "./plan";
import { createProductAdditionPlan } from "./product-addition-plan";

/** The Client VPN plans with the provider's rate-limited AWS clients: what the engine workers run. */
export const clientVpnEnvironmentPlan = createClientVpnEnvironmentPlan({ ec2: providerEc2, acm: providerAcm, logs: providerLogs, db: getDb });

export const clientVpnConnectionPlan = createClientVpnConnectionPlan({ db: getDb, environmentPlan: clientVpnEnvironmentPlan });

export const clientVpnProductAdditionPlan = createProductAdditionPlan({ ec2: providerEc2, db: getDb });
