/**
 * Building blocks of form schemas, shared by the server (which decides) and
 * the browser (which checks early, when JavaScript runs).
 *
 * Written with zod's "mini" build: the same schema runs in the browser, and
 * mini costs a few kilobytes where classic zod costs about fifteen
 * (docs/decisions/0006-form-validation.md).
 *
 * A message is a message key, optionally with parameters after "|" as JSON
 * ("form.tooLong|{"max":100}"), so one schema serves both languages.
 */
import * as z from "zod/v4-mini";
import type { MessageKey, MessageParams } from "~/utils/i18n";
import { normalizeVietnamesePhone, parseIdentifier, type SignInIdentifier } from "~/utils/phone";
import { stripControlCharacters } from "~/utils/text";

export function message(key: MessageKey, params?: MessageParams): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMessage(text: string): { key: MessageKey; params?: MessageParams } {
  const bar = text.indexOf("|");
  if (bar < 0) return { key: text as MessageKey };
  return { key: text.slice(0, bar) as MessageKey, params: JSON.parse(text.slice(bar + 1)) as MessageParams };
}

// Control characters have no place in a name or an address; U+FFFD is what
// invalid UTF-8 becomes when the form is decoded, so it means broken input.
const controlOrBroken = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/;
// A line break inside a name or an address would start a new line wherever
// it is printed: in a letter, a certificate, a mail header.
const lineBreak = /[\r\n\u2028\u2029]/;

/** One line of text: NFC, trimmed, no control characters or line breaks, at most `max` characters. */
export function textField(max: number, { required = true } = {}) {
  return z.string().check(
    z.normalize("NFC"),
    z.trim(),
    z.refine((v) => !controlOrBroken.test(v) && !lineBreak.test(v), message("form.controlCharacters")),
    z.refine((v) => !required || v.length > 0, message("form.required")),
    z.maxLength(max, message("form.tooLong", { max })),
  );
}

/** An optional line of text: empty becomes undefined. */
export function optionalTextField(max: number) {
  return z.pipe(
    z.optional(textField(max, { required: false })),
    z.transform((v) => (v ? v : undefined)),
  );
}

export const PASSWORD_MIN = 8;
// Long passphrases are welcome; beyond this the hash only costs more.
export const PASSWORD_MAX = 128;

/** Length is the only rule (no "one digit, one symbol"), per NIST SP 800-63B; common ones are refused on the server. */
export const passwordField = z.string().check(
  z.normalize("NFC"),
  z.refine((v) => v.length > 0, message("form.required")),
  z.minLength(PASSWORD_MIN, message("password.tooShort", { min: PASSWORD_MIN })),
  z.maxLength(PASSWORD_MAX, message("form.tooLong", { max: PASSWORD_MAX })),
  z.refine((v) => !controlOrBroken.test(v), message("form.controlCharacters")),
);

/** Email address or Vietnamese mobile number, in the form accounts store them. */
export const identifierField = z.pipe(
  textField(254),
  z.transform((value, ctx): SignInIdentifier => {
    const identifier = value ? parseIdentifier(value) : null;
    if (identifier) return identifier;
    // An empty value was already reported by textField as required.
    if (value) ctx.issues.push({ code: "custom", input: value, message: message("account.identifierInvalid") });
    return z.NEVER;
  }),
);

export const phoneField = z.pipe(
  textField(20),
  z.transform((value, ctx) => {
    const phone = normalizeVietnamesePhone(value);
    if (phone) return phone;
    ctx.issues.push({ code: "custom", input: value, message: message("account.phoneInvalid") });
    return z.NEVER;
  }),
);

/** An HTML checkbox: "on" when ticked, absent when not. */
export const checkbox = z.pipe(
  z.optional(z.string()),
  z.transform((v) => v === "on" || v === "true"),
);

export type FieldErrors = Record<string, string[]>;

export type FormResult<T> =
  | { ok: true; data: T; values: Record<string, string> }
  | { ok: false; errors: FieldErrors; values: Record<string, string> };

/**
 * Parses a submitted form. On failure, returns the errors per field and
 * what was typed (never passwords), so the page can show both again.
 */
export function parseForm<S extends z.ZodMiniType>(schema: S, form: FormData | Record<string, unknown>): FormResult<z.infer<S>> {
  const entries = form instanceof FormData ? formDataObject(form) : form;
  const result = schema.safeParse(entries);
  // What was typed is kept even when valid: the model may still refuse it.
  if (result.success) return { ok: true, data: result.data, values: keptValues(entries) };
  return { ok: false, errors: fieldErrors(result.error), values: keptValues(entries) };
}

function formDataObject(form: FormData): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [name, value] of form) {
    // Files are not part of any form here; a second value of one name is ignored.
    if (typeof value === "string" && !(name in object)) object[name] = value;
  }
  return object;
}

export function fieldErrors(error: z.core.$ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.length ? String(issue.path[0]) : "form";
    // zod's own messages (a wrong type, a missing field) become "required"/"invalid".
    const text = /^[a-z]+\.[A-Za-z.]+(\|.*)?$/.test(issue.message) ? issue.message : message(issue.code === "invalid_type" ? "form.required" : "form.invalid");
    const list = (errors[name] ??= []);
    if (!list.includes(text)) list.push(text);
  }
  return errors;
}

/** What the user typed, to put back in the form: every field but passwords and hidden tokens. */
export function keptValues(entries: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) {
    if (typeof value !== "string" || /password|token/i.test(name)) continue;
    // Control characters are dropped: they are never what anyone meant to type.
    kept[name] = stripControlCharacters(value).slice(0, 1000);
  }
  return kept;
}
