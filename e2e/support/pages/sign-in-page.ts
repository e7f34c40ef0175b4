import { expect, type Page } from "@playwright/test";

export class SignInPage {
  constructor(private readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto("/sign-in");
  }

  async submit(email: string, password: string): Promise<void> {
    await this.page.getByLabel("E-mail address").fill(email);
    await this.page.getByLabel("Password").fill(password);
    await this.page.getByRole("button", { name: "Sign in" }).click();
  }

  /** Signs in and waits until the portal has taken the user to their home page. */
  async signIn(email: string, password: string, home: RegExp): Promise<void> {
    await this.goto();
    await this.submit(email, password);
    await expect(this.page).toHaveURL(home);
  }

  formMessage() {
    return this.page.getByRole("status").filter({ hasText: /\S/ });
  }
}
