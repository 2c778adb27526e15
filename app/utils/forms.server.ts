/**
 * Reading and answering form posts in actions.
 */
import { json } from "@remix-run/node";
import type * as z from "zod/v4-mini";
import { message, parseForm, type FieldErrors, type FormResult } from "~/utils/schemas/fields";

/**
 * The posted form, or a 400 when the body is not a form at all (a wrong
 * content type, a cut-off multipart body) instead of the 500 that
 * request.formData() would otherwise cause.
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = request.headers.get("Content-Type") ?? "";
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(type)) {
    throw new Response("Expected a form", { status: 415 });
  }
  try {
    return await request.formData();
  } catch {
    throw new Response("Malformed form", { status: 400 });
  }
}

export async function parseRequest<S extends z.ZodMiniType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  return parseForm(schema, await readForm(request));
}

/** A refused form: the errors, what was typed (never passwords), and a 4xx status. */
export function formFailure(
  errors: FieldErrors,
  values: Record<string, string> | undefined,
  status = 400,
  headers?: HeadersInit,
) {
  return json({ errors, values: values ?? {} }, { status, headers });
}

/** "Try again in 3 minutes", rounded up so a learner never comes back too early. */
export function waitMessage(waitMs: number, key: "auth.throttled" | "signIn.throttled" = "auth.throttled") {
  const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
  return message(key, { minutes });
}
