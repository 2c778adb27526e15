/**
 * Password hashing and the "too common" check.
 *
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes, 1 lane): about
 * a tenth of a second here, slow for an attacker with a stolen table, fast
 * enough for a sign-in. The parameters are inside each stored hash, so when
 * they change, a learner's hash is upgraded at their next sign-in.
 */
import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";

const params = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;
// @node-rs/argon2's Algorithm.Argon2id; a const enum, which isolatedModules cannot import.
const ARGON2ID = 2;
const currentPrefix = `$argon2id$v=19$m=${params.memoryCost},t=${params.timeCost},p=${params.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { ...params, algorithm: ARGON2ID });
}

/** True when the hash was made with other parameters than today's. */
export function needsRehash(stored: string): boolean {
  return !stored.startsWith(currentPrefix);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false;
  }
}

let dummy: Promise<string> | undefined;

/**
 * Spends the time of a real verification when there is no account, so a
 * sign-in for an unknown email takes as long as one with a wrong password.
 */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummy ??= hashPassword("not a password of anyone: only spends time");
  await verifyPassword(await dummy, password);
  return false;
}

let common: Set<string> | undefined;

/**
 * Passwords found in breaches again and again (zxcvbn's list of about
 * 49,000) plus ones Vietnamese users pick often. Only those long enough to
 * pass the length rule matter.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(
    [...dictionary["passwords-common"] as string[], ...vietnameseCommon].filter((p) => p.length >= 8).map((p) => p.toLowerCase()),
  );
  const lower = password.toLowerCase();
  return common.has(lower) || /^(.)\1+$/.test(password) || isSequence(lower);
}

const vietnameseCommon = [
  "matkhau", "matkhau1", "matkhau123", "matkhau@123", "anhyeuem", "anhyeuem1", "anhyeuem123", "emyeuanh", "emyeuanh123",
  "iloveyou", "vietnam1", "vietnam123", "123456789a", "12345678a", "a123456789", "hocso123", "hocso2025", "hocso2026",
  "quehuong", "hanoi123", "saigon123", "12345678@", "abc12345", "abcd1234", "qwerty123", "khongbiet", "khongcopass",
];

/** "12345678", "abcdefgh", "87654321": runs of the keyboard or the alphabet. */
function isSequence(text: string): boolean {
  const rows = ["0123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiop", "asdfghjkl", "zxcvbnm"];
  return rows.some((row) => row.includes(text) || [...row].reverse().join("").includes(text));
}
