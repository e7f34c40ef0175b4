import "server-only";
import { and, asc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { productRegions, products } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { Caller } from "@/lib/auth/caller";
import { describeServiceConfiguration, listServiceConfigurations, listenerPorts, type ServiceConfiguration } from "@/lib/aws/endpoint-services";
import { enabledRegions } from "@/lib/aws/regions";
import { isNotFound, isTransient, safeAwsMessage } from "@/lib/aws/errors";
import type { RegisterProductRegionInput } from "@/lib/connectivity/privatelink/product-region-input";
import { isSandbox } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { isUniqueViolation } from "./unique-violation";

export interface ProductRegionView {
  id: string;
  productId: string;
  region: string;
  serviceId: string;
  serviceName: string;
  privateDnsName: string | null;
  zoneIds: string[];
  ports: number[];
  acceptanceRequired: boolean;
  refreshedAt: Date;
  lastReconciledAt: Date | null;
  lastReconcileError: string | null;
}

export interface ProductView {
  id: string;
  slug: string;
  name: string;
  regions: ProductRegionView[];
}

/** Tags the sandbox's bootstrap puts on the provider's endpoint services. */
const PRODUCT_TAG = "onramp:product";
const PRODUCT_NAME_TAG = "onramp:product-name";

interface ServiceDetails extends ServiceConfiguration {
  ports: number[];
}

/** Reads what customers need to know about an endpoint service, with AWS errors turned into ours. */
async function readServiceDetails(region: string, serviceId: string): Promise<ServiceDetails> {
  try {
    const config = await describeServiceConfiguration(region, serviceId);
    const ports = await listenerPorts(region, config.nlbArns);
    return { ...config, ports };
  } catch (error) {
    if (isNotFound(error)) {
      throw new AppError("invalid_input", "AWS has no such endpoint service.", {
        serviceId: [`No endpoint service ${serviceId} in ${region} belongs to the provider account.`],
      });
    }
    if (!isTransient(error)) console.error("[onramp] reading endpoint service failed", error);
    throw new AppError("cloud_error", safeAwsMessage(error));
  }
}

/** The columns of a product region that AWS owns: written on registration and on every refresh. */
function serviceDetailColumns(details: ServiceDetails) {
  return {
    serviceName: details.serviceName,
    privateDnsName: details.privateDnsName,
    zoneIds: details.zoneIds,
    ports: details.ports,
    baseEndpointDnsNames: details.baseEndpointDnsNames,
    acceptanceRequired: details.acceptanceRequired,
  };
}

async function productRegionIdWhere(db: Db, condition: SQL | undefined): Promise<string | null> {
  const [row] = await db.select({ id: productRegions.id }).from(productRegions).where(condition).limit(1);
  return row?.id ?? null;
}

/** The whole catalog, products with their regions, for the wizard and the products page. */
export async function listProducts(db: Db): Promise<ProductView[]> {
  const rows = await db
    .select({ product: products, region: productRegions })
    .from(products)
    .leftJoin(productRegions, eq(productRegions.productId, products.id))
    .orderBy(asc(products.name), asc(productRegions.region));
  const byId = new Map<string, ProductView>();
  for (const { product, region } of rows) {
    let view = byId.get(product.id);
    if (!view) {
      view = { id: product.id, slug: product.slug, name: product.name, regions: [] };
      byId.set(product.id, view);
    }
    if (region) {
      view.regions.push({
        id: region.id,
        productId: region.productId,
        region: region.region,
        serviceId: region.serviceId,
        serviceName: region.serviceName,
        privateDnsName: region.privateDnsName,
        zoneIds: region.zoneIds,
        ports: region.ports,
        acceptanceRequired: region.acceptanceRequired,
        refreshedAt: region.refreshedAt,
        lastReconciledAt: region.lastReconciledAt,
        lastReconcileError: region.lastReconcileError,
      });
    }
  }
  return [...byId.values()];
}

/**
 * Registers a product's endpoint service in a region, reading its details from AWS. Refuses a
 * service that accepts endpoints on its own: Onramp must be the one deciding who connects.
 */
export async function registerProductRegion(
  db: Db,
  caller: Caller | null,
  input: RegisterProductRegionInput,
): Promise<{ productRegionId: string; productId: string }> {
  const [existingProduct] = await db.select().from(products).where(eq(products.slug, input.productSlug)).limit(1);
  if (existingProduct) {
    const taken = await productRegionIdWhere(db, and(eq(productRegions.productId, existingProduct.id), eq(productRegions.region, input.region)));
    if (taken) {
      throw new AppError("conflict", "This product is already offered in that region.", {
        region: [`${existingProduct.name} is already offered in ${input.region}. Use "Refresh from AWS" to re-read it.`],
      });
    }
  }
  const sameService = await productRegionIdWhere(db, and(eq(productRegions.region, input.region), eq(productRegions.serviceId, input.serviceId)));
  if (sameService) {
    throw new AppError("conflict", "This endpoint service is already registered.", { serviceId: ["This endpoint service is already registered."] });
  }

  const details = await readServiceDetails(input.region, input.serviceId);
  if (!details.acceptanceRequired) {
    throw new AppError("invalid_input", "The endpoint service must require acceptance.", {
      serviceId: ["This service accepts every endpoint automatically. Turn on \"Acceptance required\" so Onramp can decide who connects."],
    });
  }

  try {
    return await db.transaction(async (tx) => {
      await tx.insert(products).values({ slug: input.productSlug, name: input.productName }).onConflictDoNothing({ target: products.slug });
      const [product] = await tx.select().from(products).where(eq(products.slug, input.productSlug)).limit(1);
      if (!product) throw new Error("product vanished after upsert");
      const [row] = await tx
        .insert(productRegions)
        .values({
          productId: product.id,
          region: input.region,
          serviceId: details.serviceId,
          ...serviceDetailColumns(details),
          registeredBy: caller?.userId ?? null,
        })
        .returning({ id: productRegions.id });
      if (!row) throw new Error("insert returned nothing");
      await recordAudit(tx, caller, {
        action: "product.register",
        tenantId: null,
        targetType: "product_region",
        targetId: row.id,
        detail: { product: product.slug, region: input.region, serviceId: details.serviceId },
      });
      return { productRegionId: row.id, productId: product.id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("conflict", "This product region was registered a moment ago.", { region: ["Already registered."] });
    }
    throw error;
  }
}

/** Re-reads an endpoint service's details from AWS ("Refresh from AWS"). */
export async function refreshProductRegion(db: Db, caller: Caller, productRegionId: string): Promise<void> {
  const [row] = await db.select().from(productRegions).where(eq(productRegions.id, productRegionId)).limit(1);
  if (!row) throw new AppError("not_found", "Not found.");
  const details = await readServiceDetails(row.region, row.serviceId);
  await db.transaction(async (tx) => {
    await tx
      .update(productRegions)
      .set({ ...serviceDetailColumns(details), refreshedAt: new Date() })
      .where(eq(productRegions.id, productRegionId));
    await recordAudit(tx, caller, {
      action: "product.refresh",
      tenantId: null,
      targetType: "product_region",
      targetId: productRegionId,
      detail: { serviceId: row.serviceId, acceptanceRequired: details.acceptanceRequired },
    });
  });
}

/**
 * Registers every endpoint service the sandbox bootstrapped for the provider (they carry product
 * tags). Idempotent: services already registered, or a product already offered in that region,
 * are left as they are.
 */
export async function registerSandboxProducts(db: Db): Promise<void> {
  if (!isSandbox) throw new Error("registerSandboxProducts only applies to the sandbox cloud.");
  for (const region of await enabledRegions()) {
    for (const config of await listServiceConfigurations(region)) {
      const slug = config.tags[PRODUCT_TAG];
      const name = config.tags[PRODUCT_NAME_TAG];
      if (!slug || !name || !config.acceptanceRequired) continue;
      try {
        await registerProductRegion(db, null, { productSlug: slug, productName: name, region, serviceId: config.serviceId });
      } catch (error) {
        if (error instanceof AppError && error.code === "conflict") continue;
        throw error;
      }
    }
  }
}
