/**
 * The account fields several forms share, so that sign-up, sign-in, reset
 * and the account page ask for them the same way.
 */
import { useT } from "~/components/i18n-provider";
import { CheckboxField, TextField } from "~/components/ui/form";
import { consentFieldNames, consentPurposes, type ConsentPurpose } from "~/utils/schemas/account";
import { PASSWORD_MAX, PASSWORD_MIN, type FieldErrors } from "~/utils/schemas/fields";

/** "Email or mobile number": what an account is known by. */
export function IdentifierField({ errors, defaultValue, withHint = false }: { errors: FieldErrors; defaultValue?: string; withHint?: boolean }) {
  const t = useT();
  return (
    <TextField
      name="identifier"
      label={t("account.identifier")}
      hint={withHint ? t("account.identifierHint") : undefined}
      autoComplete="username"
      inputMode="email"
      maxLength={254}
      required
      defaultValue={defaultValue}
      errors={errors}
    />
  );
}

/** A password being chosen: the length rule is said up front and checked by the browser too. */
export function NewPasswordField({ errors, label }: { errors: FieldErrors; label: string }) {
  const t = useT();
  return (
    <TextField
      name="password"
      type="password"
      label={label}
      hint={t("password.rules", { min: PASSWORD_MIN })}
      autoComplete="new-password"
      minLength={PASSWORD_MIN}
      maxLength={PASSWORD_MAX}
      required
      errors={errors}
    />
  );
}

/** One checkbox per purpose of personal data processing, never ticked in advance. */
/** The consent boxes of a new account (sign-up, first admin), in their fieldset, kept as typed after an error. */
export function NewAccountConsents({ values, errors }: { values: Record<string, string | undefined>; errors?: FieldErrors }) {
  const t = useT();
  return (
    <fieldset className="fieldset">
      <legend>{t("consent.legend")}</legend>
      <p className="field-hint">{t("consent.intro")}</p>
      <ConsentFields purposes={consentPurposes} checked={(purpose) => values[consentFieldNames[purpose]] === "on"} errors={errors} />
    </fieldset>
  );
}

export function ConsentFields({
  purposes,
  checked,
  errors,
}: {
  purposes: readonly ConsentPurpose[];
  checked: (purpose: ConsentPurpose) => boolean;
  errors?: FieldErrors;
}) {
  const t = useT();
  return (
    <>
      {purposes.map((purpose) => (
        <CheckboxField
          key={purpose}
          name={consentFieldNames[purpose]}
          label={t(`consent.${purpose}`)}
          hint={t(`consent.${purpose}.hint`)}
          defaultChecked={checked(purpose)}
          errors={errors}
        />
      ))}
    </>
  );
}
