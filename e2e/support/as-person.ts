import type { Browser, Page } from "@playwright/test";
import { storageStatePath, type DemoPerson, type PortalName } from "./run-context";

/** Runs `body` as a second person, in a browser context of their own that is closed afterwards. */
export async function asPerson<T>(browser: Browser, portal: PortalName, person: DemoPerson, body: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ storageState: storageStatePath(portal, person) });
  try {
    return await body(await context.newPage());
  } finally {
    await context.close();
  }
}
