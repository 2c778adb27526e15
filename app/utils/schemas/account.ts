/**
 * One schema per account form, used by the action (which decides) and by the
 * page when JavaScript runs (which only answers sooner).
 */
import * as z from "zod/v4-mini";
import { checkbox, identifierField, message, optionalTextField, passwordField, textField } from "~/utils/schemas/fields";

export const learnerGroups = ["resident", "official"] as const;
export type LearnerGroup = (typeof learnerGroups)[number];

export const roles = ["learner", "trainer", "manager", "admin"] as const;
export type Role = (typeof roles)[number];

/** Purposes of personal data processing a learner answers separately (Decree 356/2025). */
export const consentPurposes = ["learning-records", "share-with-unit", "statistics"] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];
/** The form field that carries each consent. */
export const consentFieldNames = {
  "learning-records": "consentLearningRecords",
  "share-with-unit": "consentShareWithUnit",
  statistics: "consentStatistics",
} as const satisfies Record<ConsentPurpose, string>;
/** Without keeping learning records there is no progress or certificate to offer. */
export const requiredConsent: ConsentPurpose = "learning-records";

/** How long a password reset link works. Shared so pages can say it. */
export const RESET_TOKEN_MINUTES = 30;

const redirectTo = z.optional(z.string().check(z.maxLength(2000)));

const provinceCode = z.string().check(z.refine((v) => /^\d{2}$/.test(v), message("account.provinceRequired")));

/** Who the learner is. Officials also say where they work. */
const profileFields = {
  fullName: textField(100),
  learnerGroup: z.enum(learnerGroups, message("account.groupRequired")),
  provinceCode,
  commune: optionalTextField(100),
  unitId: optionalTextField(100),
  position: optionalTextField(100),
  /** A resident's community digital-technology team, if they choose one. */
  teamId: z.optional(optionalTextField(100)),
};

function officialsNameTheirWork<T extends { learnerGroup: LearnerGroup; unitId?: string; position?: string }>(
  schema: z.ZodMiniType<T>,
) {
  return schema.check(
    z.refine((v: T) => v.learnerGroup !== "official" || Boolean(v.unitId), {
      message: message("account.unitRequired"),
      path: ["unitId"],
    }),
    z.refine((v: T) => v.learnerGroup !== "official" || Boolean(v.position), {
      message: message("account.positionRequired"),
      path: ["position"],
    }),
  );
}

/** One checkbox per purpose, asked when an account is made; keeping learning records is required. */
const consentFields = {
  consentLearningRecords: z.pipe(
    checkbox,
    z.transform((v, ctx) => {
      if (!v) ctx.issues.push({ code: "custom", input: v, message: message("consent.requiredMissing") });
      return v;
    }),
  ),
  consentShareWithUnit: checkbox,
  consentStatistics: checkbox,
};

/** A one-time token from a link (password reset, first admin), carried in a hidden field. */
const linkToken = z.string().check(z.minLength(1), z.maxLength(200));

export const SignUpForm = officialsNameTheirWork(
  z.object({
    identifier: identifierField,
    password: passwordField,
    ...profileFields,
    ...consentFields,
    redirectTo,
  }),
);

/** The first admin, from the link printed at start-up: who they are and how they sign in; the rest can wait for /account. */
export const SetupForm = z.object({
  token: linkToken,
  fullName: profileFields.fullName,
  identifier: identifierField,
  password: passwordField,
  ...consentFields,
});

export const SignInForm = z.object({
  identifier: identifierField,
  // At sign-in, any length is "wrong password", never a hint about the rules.
  password: z.string().check(z.minLength(1, message("form.required")), z.maxLength(1000, message("form.tooLong", { max: 1000 }))),
  redirectTo,
});

export const ForgotPasswordForm = z.object({ identifier: identifierField });

export const ResetPasswordForm = z.object({
  token: linkToken,
  password: passwordField,
});

export const ProfileForm = officialsNameTheirWork(z.object(profileFields));

export const ConsentForm = z.object({
  consentShareWithUnit: checkbox,
  consentStatistics: checkbox,
});

export const ChangePasswordForm = z.object({
  currentPassword: z.string().check(z.minLength(1, message("form.required")), z.maxLength(1000)),
  password: passwordField,
});

export const DeleteAccountForm = z.object({
  currentPassword: z.string().check(z.minLength(1, message("form.required")), z.maxLength(1000)),
});

export const RoleForm = z
  .object({
    role: z.enum(roles, message("form.invalid")),
    managedUnitId: optionalTextField(100),
  })
  .check(
    z.refine((v) => v.role !== "manager" || Boolean(v.managedUnitId), {
      message: message("admin.managedUnitRequired"),
      path: ["managedUnitId"],
    }),
  );

/** An admin moves an official: the unit and the position they hold there. */
export const MembershipForm = z.object({
  unitId: textField(100),
  position: textField(100),
});
