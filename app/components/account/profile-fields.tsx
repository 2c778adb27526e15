import { useT } from "~/components/i18n-provider";
import { SelectField, TextField } from "~/components/ui/form";
import type { FieldErrors } from "~/utils/schemas/fields";

export type ProfileOptions = {
  provinces: { code: string; name: string }[];
  units: { id: string; name: string; depth: number }[];
  /** Community digital-technology teams, by province name. */
  teams: { province: string; teams: { id: string; name: string }[] }[];
};

type ProfileValues = Partial<Record<"fullName" | "learnerGroup" | "provinceCode" | "commune" | "unitId" | "position" | "teamId", string | null>>;

/**
 * Who the learner is: shared by sign-up and the account page. The fields for
 * officials, and the resident's optional community team, are always there
 * (no script needed to reveal them), each saying who it is for.
 */
export function ProfileFields({ options, values, errors }: { options: ProfileOptions; values: ProfileValues; errors: FieldErrors }) {
  const t = useT();
  return (
    <>
      <TextField name="fullName" label={t("account.fullName")} autoComplete="name" maxLength={100} required defaultValue={values.fullName} errors={errors} />
      <SelectField name="learnerGroup" label={t("account.group")} defaultValue={values.learnerGroup} errors={errors} required>
        <option value="">{t("form.choose")}</option>
        <option value="resident">{t("account.group.resident")}</option>
        <option value="official">{t("account.group.official")}</option>
      </SelectField>
      <SelectField name="provinceCode" label={t("account.province")} defaultValue={values.provinceCode} errors={errors} required>
        <option value="">{t("form.choose")}</option>
        {options.provinces.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextField name="commune" label={t("account.commune")} hint={t("account.communeHint")} maxLength={100} defaultValue={values.commune} errors={errors} />
      <fieldset className="fieldset">
        <legend>{t("account.officialsOnly")}</legend>
        <SelectField name="unitId" label={t("account.unit")} defaultValue={values.unitId} errors={errors}>
          <option value="">{t("form.choose")}</option>
          {options.units.map((u) => (
            <option key={u.id} value={u.id}>
              {"\u00a0\u00a0".repeat(u.depth)}
              {u.name}
            </option>
          ))}
        </SelectField>
        <TextField name="position" label={t("account.position")} maxLength={100} defaultValue={values.position} errors={errors} />
      </fieldset>
      {options.teams.length ? (
        <fieldset className="fieldset">
          <legend>{t("assign.residentsOnly")}</legend>
          <SelectField name="teamId" label={t("assign.team")} hint={t("assign.teamHint")} defaultValue={values.teamId} errors={errors}>
            <option value="">{t("form.choose")}</option>
            {options.teams.map((group) =>
              group.province ? (
                <optgroup key={group.province} label={group.province}>
                  {group.teams.map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </optgroup>
              ) : (
                group.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))
              ),
            )}
          </SelectField>
        </fieldset>
      ) : null}
    </>
  );
}
