import { z } from "zod";
import { displayText } from "@/lib/connectivity/text";

export const OFFERED_PRODUCT_REGION_MESSAGE = "Choose a product and region that is offered.";

/**
 * What a customer gives to ask for a PrivateLink connection. Whether the product region exists is
 * checked against the database by the action (same message), since zod cannot see it.
 */
export const privateLinkInput = z.object({
  awsAccountId: z
    .string({ error: "Enter your 12-digit AWS account ID." })
    .max(64, "An AWS account ID is exactly 12 digits, e.g. 123456789012.")
    // People paste IDs as shown in the console ("1234-5678-9012"); spaces and dashes carry no meaning.
    .transform((v) => v.trim().replace(/[\s-]/g, ""))
    .pipe(z.string().regex(/^\d{12}$/, "An AWS account ID is exactly 12 digits, e.g. 123456789012.")),
  productRegionId: z.uuid({ error: OFFERED_PRODUCT_REGION_MESSAGE }),
  label: displayText({ max: 64, label: "Name" }).optional(),
});
export type PrivateLinkInput = z.output<typeof privateLinkInput>;
