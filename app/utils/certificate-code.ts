/**
 * Identifiers of a certificate:
 * - the public id in its URL: 128 random bits, base64url (22 characters);
 * - the short code a person reads aloud or types on a phone: 9 random
 *   characters and a check character, from an alphabet without 0/O/1/I, so
 *   no two are easily confused. The check (Luhn mod 32) catches any one
 *   mistyped character and most swaps of two neighbours. 45 bits of
 *   randomness; lookups are rate-limited, so guessing one is hopeless.
 */
import crypto from "node:crypto";

export const CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
const N = CODE_ALPHABET.length;

export function newPublicId(): string {
  return crypto.randomBytes(16).toString("base64url");
}

export function isPublicId(value: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(value);
}

function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    let addend = factor * CODE_ALPHABET.indexOf(body[i]!);
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return CODE_ALPHABET[(N - (sum % N)) % N]!;
}

export function newShortCode(): string {
  const bytes = crypto.randomBytes(9);
  const body = Array.from(bytes, (b) => CODE_ALPHABET[b % N]).join("");
  return body + checkCharacter(body);
}

/** "abcd efgh-jk" as typed → "ABCDEFGHJK" when it is a well-formed code with a right check character; else null. */
export function normaliseShortCode(typed: string): string | null {
  const code = typed.toUpperCase().replace(/[\s\-.·]/g, "");
  if (code.length !== 10) return null;
  if ([...code].some((c) => !CODE_ALPHABET.includes(c))) return null;
  return checkCharacter(code.slice(0, 9)) === code[9] ? code : null;
}

/** ABCD-EFGH-JK, for printing and reading aloud; anything that is not a bare 10-character code is left as it is. */
export function formatShortCode(code: string): string {
  return /^[A-Z2-9]{10}$/i.test(code) ? `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}` : code;
}
