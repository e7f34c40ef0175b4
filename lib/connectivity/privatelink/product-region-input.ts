import { z } from "zod";
import { displayText } from "@/lib/connectivity/text";

export const AWS_REGION_PATTERN = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/;

/** What a provider admin gives to register a product's endpoint service in one region. */
export const registerProductRegionInput = z.object({
  productSlug: z
    .string({ error: "Enter a product slug." })
    .trim()
    .toLowerCase()
    .min(2, "A slug has at least 2 characters.")
    .max(40, "A slug has at most 40 characters.")
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lower-case letters, digits and single dashes, e.g. acme-analytics."),
  productName: displayText({ max: 80, label: "Product name" }).min(2, "Enter the product's name."),
  region: z
    .string({ error: "Enter a region." })
    .trim()
    .max(32, "Enter an AWS region such as us-east-1.")
    .regex(AWS_REGION_PATTERN, "Enter an AWS region such as us-east-1."),
  serviceId: z
    .string({ error: "Enter the endpoint service ID." })
    .trim()
    .max(40, "Endpoint service IDs look like vpce-svc-0123456789abcdef0.")
    .regex(/^vpce-svc-[0-9a-f]{8,17}$/, "Endpoint service IDs look like vpce-svc-0123456789abcdef0."),
});
export type RegisterProductRegionInput = z.output<typeof registerProductRegionInput>;
