/**
 * Vietnamese mobile numbers, in the one form accounts store them (+84…).
 *
 * People write the same number many ways: "0912 345 678", "0912.345.678",
 * "+84 912 345 678", "84912345678". All of them are one account. Mobile
 * numbers have nine digits after the country code, and since the 2018
 * renumbering start with 3, 5, 7, 8 or 9.
 */
export function normalizeVietnamesePhone(input: string): string | null {
  const compact = input.normalize("NFKC").replace(/[\s.\-()]/g, "");
  let national: string;
  if (/^\+84\d+$/.test(compact)) national = compact.slice(3);
  else if (/^0084\d+$/.test(compact)) national = compact.slice(4);
  else if (/^84\d{9}$/.test(compact)) national = compact.slice(2);
  else if (/^0\d{9}$/.test(compact)) national = compact.slice(1);
  else return null;
  // "+84 (0) 912…" keeps a trunk zero some people write after the country code.
  if (national.length === 10 && national.startsWith("0")) national = national.slice(1);
  return /^[35789]\d{8}$/.test(national) ? `+84${national}` : null;
}

/** "+84912345678" → "0912 345 678", the way Vietnamese people read it. */
export function formatVietnamesePhone(e164: string): string {
  const national = `0${e164.slice(3)}`;
  return `${national.slice(0, 4)} ${national.slice(4, 7)} ${national.slice(7)}`;
}

/** An email address is lower case here; "An@Example.vn" and "an@example.vn" are one account. */
export function normalizeEmail(input: string): string {
  return input.normalize("NFC").trim().toLowerCase();
}

export type SignInIdentifier = { kind: "email"; email: string } | { kind: "phone"; phone: string };

/** What a learner typed in "email or phone number", or null when it is neither. */
export function parseIdentifier(input: string): SignInIdentifier | null {
  const value = input.trim();
  if (value.includes("@")) {
    const email = normalizeEmail(value);
    return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && email.length <= 254 ? { kind: "email", email } : null;
  }
  const phone = normalizeVietnamesePhone(value);
  return phone ? { kind: "phone", phone } : null;
}
