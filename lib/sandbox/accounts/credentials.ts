import { createHmac } from "node:crypto";

/**
 * Deterministic credentials for any 12-digit account: the access key id encodes the account id (so
 * the account is recovered from a request without a lookup table) plus a keyed check, and the
 * secret is an HMAC of the account id. Anyone holding this code can mint keys: it is an emulator.
 */
const SANDBOX_KEY = "onramp-sandbox-cloud/credentials/v1";
// Ten letters stand for the ten digits so the id looks like an AWS key (upper-case letters/digits).
const DIGIT_LETTERS = "QWERTZUPXY";
const CHECK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export interface AccountCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}

function checkChars(accountId: string): string {
  const digest = createHmac("sha256", SANDBOX_KEY).update(`check:${accountId}`).digest();
  let out = "";
  for (let i = 0; i < 4; i += 1) out += CHECK_ALPHABET[digest[i] % CHECK_ALPHABET.length];
  return out;
}

export function credentialsFor(accountId: string): AccountCredentials {
  if (!isAccountId(accountId)) throw new Error("An AWS account id has exactly 12 digits.");
  const encoded = [...accountId].map((digit) => DIGIT_LETTERS[Number(digit)]).join("");
  const secretAccessKey = createHmac("sha256", SANDBOX_KEY)
    .update(`secret:${accountId}`)
    .digest("base64")
    .slice(0, 40);
  return { accessKeyId: `AKIA${encoded}${checkChars(accountId)}`, secretAccessKey };
}

/** The account an access key id belongs to, or null when the sandbox never issued that key. */
export function accountForAccessKey(accessKeyId: string): string | null {
  const match = /^AKIA([A-Z]{12})([A-Z2-7]{4})$/.exec(accessKeyId);
  if (!match) return null;
  let accountId = "";
  for (const letter of match[1]) {
    const digit = DIGIT_LETTERS.indexOf(letter);
    if (digit < 0) return null;
    accountId += String(digit);
  }
  return checkChars(accountId) === match[2] ? accountId : null;
}
