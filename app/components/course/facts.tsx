import { useT } from "~/components/i18n-provider";
import type { Audience, CompetenceArea, LevelBand } from "~/models/content/taxonomy";

/** The labels for course metadata, in one place for the catalogue and course pages. */
export function useCourseLabels() {
  const t = useT();
  return {
    audience: (a: Audience) => t(`audience.${a}`),
    area: (a: CompetenceArea) => t(`competence.area.${a}`),
    level: (band: LevelBand, level: number) => t("course.levelValue", { band: t(`level.${band}`), level: String(level) }),
    duration: (minutes: number, periods: number) => t("course.durationValue", { minutes, periods }),
  };
}
