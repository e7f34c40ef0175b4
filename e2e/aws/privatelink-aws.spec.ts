import { expect, test } from "@playwright/test";
import { ConnectionPage } from "../support/pages/connection-page";
import { ConnectionWizardPage } from "../support/pages/connection-wizard-page";
import { storageStatePath } from "../support/run-context";
import { createInterfaceEndpointAs, endpointStateAs } from "../support/sandbox-http";

test.use({ storageState: storageStatePath("aws", "alice") });

test("in AWS mode the customer creates the endpoint with the SDK and the page turns available", async ({ page }) => {
  const account = "123412341234";
  await new ConnectionWizardPage(page).create({ awsAccountId: account, product: "Acme Analytics", region: "us-east-1" });

  const connection = new ConnectionPage(page);
  await connection.expectWaitingForEndpoint();
  // With a real cloud nobody can act as the customer.
  await expect(connection.simulatePanel()).toHaveCount(0);

  const serviceName = (await connection.serviceName().textContent())?.trim() ?? "";
  const endpointId = await createInterfaceEndpointAs(account, serviceName);
  await connection.expectAvailable();
  await expect(page.getByLabel("Endpoint ID", { exact: true })).toHaveText(endpointId);
  expect(await endpointStateAs(account, endpointId)).toBe("available");
});
