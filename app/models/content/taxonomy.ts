/**
 * The vocabulary courses are described with. No zod here: pages import these
 * for their labels, and the browser should not download the schema library.
 */

export const audiences = ["residents", "officials"] as const;
export type Audience = (typeof audiences)[number];

/** Domains of the digital-competence framework (Circular 02/2025/TT-BGDĐT), cross-referenced to DigComp 2.2. */
export const competenceAreas = [1, 2, 3, 4, 5, 6] as const;
export type CompetenceArea = (typeof competenceAreas)[number];

/** The five things community digital technology teams teach residents. */
export const communitySkills = ["public-services", "online-shopping", "online-payment", "cyber-safety", "local"] as const;

/** Proficiency bands of the framework: levels 1–2, 3–4, 5–6, 7–8. */
export const levelBands = ["basic", "intermediate", "advanced", "specialised"] as const;
export type LevelBand = (typeof levelBands)[number];
export function levelBand(level: number): LevelBand {
  return levelBands[Math.min(3, Math.max(0, Math.ceil(level / 2) - 1))]!;
}

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
