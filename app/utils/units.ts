/**
 * What the unit pages and the unit models share: constants the browser needs
 * too, so they cannot live in a .server module.
 */
export const unitKindNames = ["province", "commune", "agency", "team"] as const;

/** A yearly target no one would set by mistake: a whole number of hours, up to a full-time year. */
export const TARGET_HOURS_MAX = 2000;

/** Larger than the full list of 3,321 communes with their agencies, small enough to read into memory. */
export const MAX_UPLOAD_MB = 5;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;

/** The columns of a unit list file, in the order docs/units-csv.md gives them. */
export const unitCsvColumns = ["id", "code", "name", "kind", "parent", "province", "valid_from", "valid_to", "successor", "target_hours"] as const;

/** What an import does to a row, in the order the report lists them. */
export const importChanges = ["added", "renamed", "moved", "ended", "changed", "unchanged"] as const;
