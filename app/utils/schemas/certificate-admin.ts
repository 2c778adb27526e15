/**
 * The admin's two certificate forms, used by the action (which decides) and
 * by the page when JavaScript runs (which only answers sooner).
 *
 * Both are irreversible, so each carries a confirmation checkbox instead of
 * a second page: it works the same with and without JavaScript, and a
 * screen reader hears what will happen before the button.
 */
import * as z from "zod/v4-mini";
import { checkbox, message, textField } from "~/utils/schemas/fields";

export const REVOKE_REASON_MIN = 3;
export const REVOKE_REASON_MAX = 500;

/** Ticked, or an error on the checkbox itself. */
const confirmed = z.pipe(
  checkbox,
  z.transform((v, ctx) => {
    if (!v) ctx.issues.push({ code: "custom", input: v, message: message("admin.certificateConfirmMissing") });
    return v;
  }),
);

/**
 * The reason is shown on the public page and kept in the audit log: NFC,
 * no control characters, line breaks as "\n" so a browser's "\r\n" does not
 * count twice against the limit the textarea showed.
 */
const reason = z.pipe(
  z.string().check(z.overwrite((v) => v.replace(/\r\n?/g, "\n"))),
  textField(REVOKE_REASON_MAX).check(
    // An empty reason is already "required"; this is for "ok" and the like.
    z.refine((v) => v.length === 0 || v.length >= REVOKE_REASON_MIN, message("form.tooShort", { min: REVOKE_REASON_MIN })),
  ),
);

export const RevokeCertificateForm = z.object({
  intent: z.literal("revoke"),
  reason,
  confirm: confirmed,
});

export const ReissueCertificateForm = z.object({
  intent: z.literal("reissue"),
  confirm: confirmed,
});
