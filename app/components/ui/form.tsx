/**
 * Form fields that show their errors next to them, in the page's language,
 * and keep what was typed. Errors come from the action (always) or from the
 * same schema run in the browser before sending (when JavaScript runs).
 */
import { useCallback, useId, useState, type FormEvent, type InputHTMLAttributes, type ReactNode, type TextareaHTMLAttributes } from "react";
import type * as z from "zod/v4-mini";
import { useT } from "~/components/i18n-provider";
import { parseForm, parseMessage, type FieldErrors } from "~/utils/schemas/fields";

/** What an action returns when a form is refused: errors per field ("form" for the whole form) and the values to show again. */
export type FormFailure = { errors: FieldErrors; values?: Record<string, string> };

export function isFormFailure(data: unknown): data is FormFailure {
  return typeof data === "object" && data !== null && "errors" in data;
}

/**
 * Checks the form with its schema before it is sent. Invalid: the browser
 * does not send it, errors appear, focus moves to the first wrong field.
 * The server checks again whatever happens here.
 */
export function useClientValidation(schema: z.ZodMiniType, serverErrors: FieldErrors | undefined) {
  const [clientErrors, setClientErrors] = useState<FieldErrors | null>(null);
  const [lastServerErrors, setLastServerErrors] = useState(serverErrors);
  if (serverErrors !== lastServerErrors) {
    // A new answer from the server replaces what the browser found.
    setLastServerErrors(serverErrors);
    setClientErrors(null);
  }
  const onSubmit = useCallback(
    (event: FormEvent<HTMLFormElement>) => {
      const form = event.currentTarget;
      const result = parseForm(schema, new FormData(form));
      if (result.ok) {
        setClientErrors(null);
        return;
      }
      event.preventDefault();
      setClientErrors(result.errors);
      const first = Object.keys(result.errors)[0];
      const field = first ? form.elements.namedItem(first) : null;
      if (field instanceof HTMLElement) field.focus();
    },
    [schema],
  );
  return { errors: clientErrors ?? serverErrors ?? {}, onSubmit };
}

function ErrorList({ id, errors }: { id: string; errors: string[] | undefined }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((error) => {
        const { key, params } = parseMessage(error);
        return <li key={error}>{t(key, params)}</li>;
      })}
    </ul>
  );
}

/** The error that belongs to the whole form (wrong password, too many attempts...). */
export function FormError({ errors }: { errors: FieldErrors }) {
  const t = useT();
  const list = errors.form;
  if (!list?.length) return null;
  return (
    <div className="form-error" role="alert">
      {list.map((error) => {
        const { key, params } = parseMessage(error);
        return <p key={error}>{t(key, params)}</p>;
      })}
    </div>
  );
}

/**
 * The ids that tie a field to its hint and errors, and the hint itself:
 * shared by every field so screen readers hear the same things everywhere.
 */
function useDescribedField(name: string, hint: ReactNode, errors: FieldErrors | undefined) {
  const id = useId();
  const fieldErrors = errors?.[name];
  const invalid = Boolean(fieldErrors?.length);
  const describedBy = [hint ? `${id}-hint` : null, invalid ? `${id}-errors` : null].filter(Boolean).join(" ");
  const hintElement = hint ? (
    <p id={`${id}-hint`} className="field-hint">
      {hint}
    </p>
  ) : null;
  return {
    id,
    hint: hintElement,
    errorList: <ErrorList id={`${id}-errors`} errors={fieldErrors} />,
    aria: { "aria-invalid": invalid ? true : undefined, "aria-describedby": describedBy || undefined },
  };
}

type FieldProps = {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: FieldErrors;
  defaultValue?: string | null;
} & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue">;

export function TextField({ name, label, hint, errors, defaultValue, ...input }: FieldProps) {
  const field = useDescribedField(name, hint, errors);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {field.hint}
      <input id={field.id} name={name} defaultValue={defaultValue ?? undefined} {...field.aria} {...input} />
      {field.errorList}
    </div>
  );
}

/** Several lines of text: a reason, a note. */
export function TextAreaField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  ...textarea
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: FieldErrors;
  defaultValue?: string | null;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue">) {
  const field = useDescribedField(name, hint, errors);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {field.hint}
      <textarea id={field.id} name={name} defaultValue={defaultValue ?? undefined} {...field.aria} {...textarea} />
      {field.errorList}
    </div>
  );
}

export function SelectField({
  name,
  label,
  hint,
  errors,
  defaultValue,
  required,
  children,
}: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: FieldErrors;
  defaultValue?: string | null;
  required?: boolean;
  children: ReactNode;
}) {
  const field = useDescribedField(name, hint, errors);
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      {field.hint}
      <select id={field.id} name={name} defaultValue={defaultValue ?? ""} required={required} {...field.aria}>
        {children}
      </select>
      {field.errorList}
    </div>
  );
}

export function CheckboxField({
  name,
  label,
  hint,
  errors,
  defaultChecked,
}: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: FieldErrors;
  defaultChecked?: boolean;
}) {
  const field = useDescribedField(name, hint, errors);
  return (
    <div className="field field-checkbox">
      <input type="checkbox" id={field.id} name={name} defaultChecked={defaultChecked} {...field.aria} />
      <label htmlFor={field.id}>{label}</label>
      {field.hint}
      {field.errorList}
    </div>
  );
}
