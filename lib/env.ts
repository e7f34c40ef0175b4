import path from "node:path";
import { z } from "zod";

/**
 * The whole configuration surface of Onramp, read once. Nothing else touches process.env, so this
 * file is also the configuration reference (README mirrors it).
 */
const flag = z
  .enum(["true", "false", "1", "0", "on", "off"])
  .transform((v) => v === "true" || v === "1" || v === "on");

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** `sandbox` (default): the in-repo AWS emulator, in process. `aws`: real AWS or AWS_ENDPOINT_URL. */
  ONRAMP_CLOUD: z.enum(["sandbox", "aws"]).default("sandbox"),
  /** Where the embedded database, sandbox state and generated local secrets live. */
  ONRAMP_DATA_DIR: z.string().min(1).default(".onramp-data"),
  /** postgres://… switches from embedded PGlite to PostgreSQL. */
  DATABASE_URL: z.string().url().optional(),
  /** Session signing secret; generated into the data folder when unset (embedded default only). */
  AUTH_SECRET: z.string().min(32).optional(),
  /**
   * Keys for secrets at rest: comma-separated `kid:base64(32 bytes)`, the first encrypts, all decrypt
   * (rotation: put the new key first, re-encrypt, then drop the old one). Generated into the data
   * folder when unset (embedded default only). Checked in detail by lib/crypto/keyring.ts.
   */
  ONRAMP_ENCRYPTION_KEYS: z.string().min(1).optional(),
  AUTH_OIDC_ISSUER: z.string().url().optional(),
  AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
  AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
  /** Base URL used in invitation links; falls back to the request's origin. */
  ONRAMP_PUBLIC_URL: z.string().url().optional(),
  /** smtp://user:pass@host:port — invitations are e-mailed when set, otherwise shown to copy. */
  SMTP_URL: z.string().url().optional(),
  SMTP_FROM: z.string().min(3).default("Onramp <no-reply@onramp.local>"),
  /** Sandbox latency: `instant` for tests, `realistic` (AWS's timings × time scale) for demos. */
  ONRAMP_SANDBOX_PROFILE: z.enum(["instant", "realistic"]).default("realistic"),
  ONRAMP_SANDBOX_TIME_SCALE: z.coerce.number().positive().max(10).default(0.1),
  /** Seed demo tenants and users on start. Defaults on for the embedded sandbox setup only. */
  ONRAMP_DEMO_SEED: flag.optional(),
  /** Run the background reconciler in this process (several processes may; they share by leases). */
  ONRAMP_WORKER: flag.default(true),
  ONRAMP_RECONCILE_INTERVAL_MS: z.coerce.number().int().min(200).max(600_000).default(15_000),
  AWS_REGION: z.string().min(1).optional(),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid Onramp configuration:\n${problems}`);
  }
  return parsed.data;
}

export const env = load();

export const dataDir = path.resolve(env.ONRAMP_DATA_DIR);
export const isSandbox = env.ONRAMP_CLOUD === "sandbox";
export const usesEmbeddedDb = !env.DATABASE_URL;
export const demoSeedEnabled = env.ONRAMP_DEMO_SEED ?? (isSandbox && usesEmbeddedDb);
