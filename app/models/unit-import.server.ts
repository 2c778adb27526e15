/**
 * The admin's import of the unit list from a CSV file (docs/units-csv.md).
 *
 * Two steps, so nothing is written that was not seen first: the dry run
 * checks every row against the file and the units already here, stores the
 * upload with its report in UnitImport, and writes nothing to Unit; the
 * admin then confirms that stored upload. The confirmation checks the file
 * again against the units as they are by then (another import may have come
 * between), and applies it in one transaction, at most once.
 *
 * Admins only: every function refuses anyone else with a 403.
 */
import { auditEvent } from "~/models/audit.server";
import { forgetReferenceData, listProvinces, unitKinds, type UnitKind } from "~/models/org.server";
import { isUnitId, pathsFromParents, recomputePaths, requireUnitAdmin } from "~/models/units.server";
import type { Prisma } from "~/generated/prisma/client";
import type { SessionUser } from "~/utils/auth.server";
import { CsvError, parseCsv, type CsvRecord } from "~/utils/csv";
import { db } from "~/utils/db.server";
import { message } from "~/utils/schemas/fields";
import { foldVietnamese, nfc } from "~/utils/text";
import { type importChanges, MAX_UPLOAD_BYTES, TARGET_HOURS_MAX, unitCsvColumns } from "~/utils/units";

export const MAX_ROWS = 20_000;
const NAME_MAX = 200;

const columns = unitCsvColumns;
type Column = (typeof columns)[number];
const requiredColumns: Column[] = ["id", "name", "kind"];

/** Header names accepted for each column: ours, and the Vietnamese ones (compared without diacritics, case or spacing). */
const headerNames: Record<Column, string[]> = {
  id: ["id", "ma dinh danh"],
  code: ["code", "ma", "ma so"],
  name: ["name", "ten", "ten don vi"],
  kind: ["kind", "loai"],
  parent: ["parent", "cap tren", "don vi cap tren"],
  province: ["province", "tinh", "ma tinh"],
  valid_from: ["valid_from", "hieu luc tu"],
  valid_to: ["valid_to", "het hieu luc", "hieu luc den"],
  successor: ["successor", "ke thua", "don vi ke thua"],
  target_hours: ["target_hours", "so gio muc tieu", "gio muc tieu"],
};
const normalHeader = (text: string) => foldVietnamese(text).trim().replace(/[\s_-]+/g, " ");
const columnOf = new Map(Object.entries(headerNames).flatMap(([column, names]) => names.map((n) => [normalHeader(n), column as Column])));

/** Kinds as written in a file: ours, or in Vietnamese. */
const kindNames = new Map<string, UnitKind>([
  ...unitKinds.map((k) => [k, k] as const),
  ["tinh", "province"],
  ["tinh/thanh pho", "province"],
  ["xa", "commune"],
  ["xa/phuong", "commune"],
  ["co quan", "agency"],
  ["to", "team"],
  ["to cong nghe so", "team"],
]);

/** Codes by kind: the official two and five digits for provinces and communes; an agency's electronic identifier ("000.00.31.H57") for the others. */
const codeFormats: Record<UnitKind, RegExp> = {
  province: /^\d{2}$/,
  commune: /^\d{5}$/,
  agency: /^[A-Z0-9][A-Z0-9.]{0,29}$/,
  team: /^[A-Z0-9][A-Z0-9.]{0,29}$/,
};

/** Which kinds may sit under which: provinces are roots, communes under provinces, teams under communes, agencies anywhere but under a team. */
function kindAllowed(kind: UnitKind, parentKind: UnitKind | null): boolean {
  if (kind === "province") return parentKind === null;
  if (kind === "commune") return parentKind === "province";
  if (kind === "team") return parentKind === "commune";
  return parentKind !== "team";
}

export type Change = (typeof importChanges)[number];

export type ReportEntry = {
  line: number;
  id: string;
  name: string;
  changes: Change[];
  before?: { name?: string; parent?: string | null; parentName?: string | null };
  after: { parent: string | null; parentName: string | null; validTo: string | null; successor: string | null; successorName: string | null };
};
export type Rejection = { line: number; id: string; message: string };
export type ImportReport = {
  rows: number;
  counts: Record<Change | "rejected", number>;
  /** Every row that changes something; unchanged rows are only counted. */
  entries: ReportEntry[];
  rejected: Rejection[];
};

type UnitState = {
  id: string;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  provinceCode: string | null;
  validFrom: Date | null;
  validTo: Date | null;
  successorId: string | null;
  targetHours: number | null;
};

/** A data row: its line in the file, and its cells by column (a column the file lacks is absent: the unit keeps that field). */
export type Row = { line: number; id: string; cells: Partial<Record<Column, string>>; fieldCount: boolean };
type Planned = { row: Row; state: UnitState; explicitProvince: string | null };

export type FileProblem = { ok: false; message: string };

/** The file's text, or why it cannot be read: too large, not UTF-8, not text. */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | FileProblem {
  if (bytes.byteLength > MAX_UPLOAD_BYTES) return { ok: false, message: message("units.import.tooLarge", { max: MAX_UPLOAD_BYTES / 1024 / 1024 }) };
  if (bytes.byteLength === 0) return { ok: false, message: message("units.import.empty") };
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return { ok: false, message: message("units.import.notUtf8") };
  }
  // A spreadsheet file renamed .csv, or any binary: control characters a CSV never holds.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(text)) return { ok: false, message: message("units.import.notCsv") };
  return { ok: true, text: nfc(text) };
}

/** The rows of a file, or why it is not a unit list at all (then no row is looked at). */
export function readUnitFile(text: string): { ok: true; rows: Row[] } | FileProblem {
  let records: CsvRecord[];
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) return { ok: false, message: message("units.import.csvBroken", { line: error.line }) };
    throw error;
  }
  const [header, ...data] = records;
  if (!header) return { ok: false, message: message("units.import.empty") };
  const positions = new Map<Column, number>();
  for (const [index, name] of header.fields.entries()) {
    // Spreadsheets often save trailing empty columns: a column without a name is ignored.
    if (!name.trim()) continue;
    const column = columnOf.get(normalHeader(name));
    if (!column || positions.has(column)) return { ok: false, message: message("units.import.badHeader", { columns: columns.join(",") }) };
    positions.set(column, index);
  }
  if (requiredColumns.some((c) => !positions.has(c))) return { ok: false, message: message("units.import.badHeader", { columns: columns.join(",") }) };
  if (data.length === 0) return { ok: false, message: message("units.import.noRows") };
  if (data.length > MAX_ROWS) return { ok: false, message: message("units.import.tooManyRows", { max: MAX_ROWS }) };
  const rows = data.map((record): Row => {
    const cells: Partial<Record<Column, string>> = {};
    for (const [column, index] of positions) cells[column] = (record.fields[index] ?? "").trim();
    // A row with more or fewer fields than the header is refused by validate().
    return { line: record.line, id: cells.id ?? "", cells, fieldCount: record.fields.length === header.fields.length };
  });
  return { ok: true, rows };
}

/** "2025-07-01" or "01/07/2025" as the start of that day in Vietnam; undefined when it is not a date. */
export function parseDay(text: string): Date | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : vn ? [vn[3], vn[2], vn[1]] : [];
  if (!y || !m || !d) return undefined;
  const [year, month, day] = [Number(y), Number(m), Number(d)];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || year < 1945 || year > 2200) return undefined;
  return new Date(`${y}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}T00:00:00+07:00`);
}

/** The day as a file writes it (Vietnam time), for the report. */
export function dayText(date: Date | null): string | null {
  if (!date) return null;
  return new Date(date.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const controlOrBreak = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffd]/;

type Reader = Pick<Prisma.TransactionClient, "unit">;

async function loadState(reader: Reader): Promise<Map<string, UnitState>> {
  const rows = await reader.unit.findMany({
    select: { id: true, code: true, name: true, kind: true, parentId: true, provinceCode: true, validFrom: true, validTo: true, successorId: true, targetHours: true },
  });
  return new Map(rows.map((u) => [u.id, { ...u, kind: unitKinds.find((k) => k === u.kind) ?? "agency" }]));
}

/**
 * Checks every row, first on its own (formats), then against the others and
 * the units already here (parents, successors, cycles, codes, kinds), until
 * no more rows fall: a row whose parent was refused is refused in turn.
 * Returns the plan for the rows that pass, and the report.
 */
export function validate(rows: Row[], existing: Map<string, UnitState>, provinceCodes: Set<string>) {
  const rejected = new Map<Row, string>();
  const reject = (row: Row, key: Parameters<typeof message>[0], params?: Parameters<typeof message>[1]) => {
    if (!rejected.has(row)) rejected.set(row, message(key, params));
  };
  const planned = new Map<Row, Planned>();
  const firstById = new Map<string, Row>();
  const firstByCode = new Map<string, Row>();

  for (const row of rows) {
    const c = row.cells;
    if (!row.fieldCount) {
      reject(row, "units.import.fieldCount");
      continue;
    }
    if (!isUnitId(row.id)) {
      reject(row, "units.import.badId");
      continue;
    }
    const earlier = firstById.get(row.id);
    if (earlier) {
      reject(row, "units.import.duplicateId", { line: earlier.line });
      continue;
    }
    firstById.set(row.id, row);
    const before = existing.get(row.id);
    const name = c.name ?? "";
    if (!name || name.length > NAME_MAX || controlOrBreak.test(name)) {
      reject(row, "units.import.badName", { max: NAME_MAX });
      continue;
    }
    const kind = kindNames.get(foldVietnamese(c.kind ?? ""));
    if (!kind) {
      reject(row, "units.import.badKind");
      continue;
    }
    const code = c.code === undefined ? (before?.code ?? null) : c.code.toUpperCase() || null;
    if (code && !codeFormats[kind].test(code)) {
      reject(row, kind === "province" ? "units.import.badProvinceCode" : kind === "commune" ? "units.import.badCommuneCode" : "units.import.badAgencyCode");
      continue;
    }
    if (code) {
      const other = firstByCode.get(code);
      if (other) {
        reject(row, "units.import.duplicateCode", { line: other.line });
        continue;
      }
      firstByCode.set(code, row);
    }
    const parentId = c.parent === undefined ? (before?.parentId ?? null) : c.parent || null;
    if (parentId !== null && !isUnitId(parentId)) {
      reject(row, "units.import.unknownParent", { parent: parentId.slice(0, 64) });
      continue;
    }
    const successorId = c.successor === undefined ? (before?.successorId ?? null) : c.successor || null;
    if (successorId !== null && !isUnitId(successorId)) {
      reject(row, "units.import.unknownSuccessor", { successor: successorId.slice(0, 64) });
      continue;
    }
    const day = (column: "valid_from" | "valid_to", kept: Date | null | undefined): Date | null | "bad" => {
      const text = c[column];
      if (text === undefined) return kept ?? null;
      if (text === "") return null;
      return parseDay(text) ?? "bad";
    };
    const validFrom = day("valid_from", before?.validFrom);
    const validTo = day("valid_to", before?.validTo);
    if (validFrom === "bad" || validTo === "bad") {
      reject(row, "units.import.badDate");
      continue;
    }
    if (validFrom && validTo && validTo < validFrom) {
      reject(row, "units.import.endsBeforeStart");
      continue;
    }
    if (successorId && !validTo) {
      reject(row, "units.import.successorWithoutEnd");
      continue;
    }
    let targetHours = before?.targetHours ?? null;
    if (c.target_hours !== undefined) {
      if (c.target_hours === "") targetHours = null;
      else if (/^\d{1,4}$/.test(c.target_hours) && Number(c.target_hours) <= TARGET_HOURS_MAX) targetHours = Number(c.target_hours);
      else {
        reject(row, "units.import.badTargetHours", { max: TARGET_HOURS_MAX });
        continue;
      }
    }
    const explicitProvince = c.province || null;
    if (explicitProvince && !provinceCodes.has(explicitProvince)) {
      reject(row, "units.import.unknownProvince", { province: explicitProvince.slice(0, 10) });
      continue;
    }
    if (kind === "province" && code && !provinceCodes.has(code)) {
      reject(row, "units.import.unknownProvince", { province: code });
      continue;
    }
    planned.set(row, {
      row,
      explicitProvince,
      state: { id: row.id, code, name, kind, parentId, provinceCode: null, validFrom, validTo, successorId, targetHours },
    });
  }

  // Relations: checked again each time a row falls, until none does.
  for (let changed = true; changed; ) {
    changed = false;
    const final = new Map(existing);
    for (const p of planned.values()) final.set(p.state.id, p.state);
    const children = new Map<string, UnitState[]>();
    for (const u of final.values()) {
      if (!u.parentId) continue;
      const list = children.get(u.parentId);
      if (list) list.push(u);
      else children.set(u.parentId, [u]);
    }
    const plannedById = new Map([...planned.values()].map((p) => [p.state.id, p]));
    // Codes as they will be: a unit here keeps its code unless its row gives another.
    const codeOwners = new Map<string, string>();
    for (const u of final.values()) if (u.code) codeOwners.set(u.code, codeOwners.has(u.code) && codeOwners.get(u.code) !== u.id ? "#many" : u.id);
    const provinceOf = (id: string | null): string | null => {
      const seen = new Set<string>();
      for (let u = id ? final.get(id) : undefined; u && !seen.has(u.id); u = u.parentId ? final.get(u.parentId) : undefined) {
        seen.add(u.id);
        const p = plannedById.get(u.id);
        // A row of the file says its province only explicitly; a unit already here has its own.
        const explicit = p ? p.explicitProvince : u.provinceCode;
        if (u.kind === "province" && u.code) return u.code;
        if (explicit) return explicit;
      }
      return null;
    };

    for (const p of planned.values()) {
      const { row, state } = p;
      const fail = (key: Parameters<typeof message>[0], params?: Parameters<typeof message>[1]) => {
        reject(row, key, params);
        planned.delete(row);
        changed = true;
      };
      const parent = state.parentId ? final.get(state.parentId) : null;
      if (state.parentId && !parent) {
        fail("units.import.unknownParent", { parent: state.parentId });
        continue;
      }
      let cycle = false;
      const seen = new Set<string>([state.id]);
      for (let u = parent; u; u = u.parentId ? final.get(u.parentId) : undefined) {
        if (seen.has(u.id)) {
          cycle = u.id === state.id || cycle;
          break;
        }
        seen.add(u.id);
        if (u.parentId === state.id) {
          cycle = true;
          break;
        }
      }
      if (state.parentId === state.id || cycle) {
        fail("units.import.cycle");
        continue;
      }
      if (!kindAllowed(state.kind, parent?.kind ?? null)) {
        fail("units.import.kindNotAllowed");
        continue;
      }
      const misplacedChild = (children.get(state.id) ?? []).find((child) => !firstById.has(child.id) && !kindAllowed(child.kind, state.kind));
      if (misplacedChild) {
        fail("units.import.kindNotAllowed");
        continue;
      }
      if (state.successorId) {
        let successor = final.get(state.successorId);
        if (!successor) {
          fail("units.import.unknownSuccessor", { successor: state.successorId });
          continue;
        }
        const chain = new Set<string>([state.id]);
        let loops = false;
        while (successor) {
          if (chain.has(successor.id)) {
            loops = true;
            break;
          }
          chain.add(successor.id);
          successor = successor.successorId ? final.get(successor.successorId) : undefined;
        }
        if (loops) {
          fail("units.import.successorCycle");
          continue;
        }
      }
      if (state.code && codeOwners.get(state.code) !== state.id) {
        fail("units.import.codeTaken", { code: state.code });
        continue;
      }
      if (state.validTo && !state.successorId && (children.get(state.id) ?? []).some((child) => !child.validTo)) {
        fail("units.import.endedWithChildren");
        continue;
      }
      const province = p.explicitProvince ?? (state.kind === "province" ? state.code : provinceOf(state.parentId));
      const parentProvince = provinceOf(state.parentId);
      if (p.explicitProvince && parentProvince && p.explicitProvince !== parentProvince) {
        fail("units.import.provinceMismatch", { province: p.explicitProvince, parentProvince });
        continue;
      }
      state.provinceCode = province;
    }
  }

  const report: ImportReport = {
    rows: rows.length,
    counts: { added: 0, renamed: 0, moved: 0, ended: 0, changed: 0, unchanged: 0, rejected: rejected.size },
    entries: [],
    rejected: [...rejected].map(([row, text]) => ({ line: row.line, id: row.id.slice(0, 64), message: text })).sort((a, b) => a.line - b.line),
  };
  const plannedNames = new Map([...planned.values()].map((p) => [p.state.id, p.state.name]));
  const nameOf = (id: string | null) => (id ? (plannedNames.get(id) ?? existing.get(id)?.name ?? id) : null);
  const writes: { state: UnitState; isNew: boolean }[] = [];
  for (const { row, state } of [...planned.values()].sort((a, b) => a.row.line - b.row.line)) {
    const before = existing.get(state.id);
    const changes: Change[] = [];
    if (!before) changes.push("added");
    else {
      if (before.name !== state.name) changes.push("renamed");
      if (before.parentId !== state.parentId) changes.push("moved");
      if (state.validTo && (!before.validTo || before.successorId !== state.successorId || before.validTo.getTime() !== state.validTo.getTime())) changes.push("ended");
      const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
      if (
        before.code !== state.code ||
        before.kind !== state.kind ||
        before.provinceCode !== state.provinceCode ||
        before.targetHours !== state.targetHours ||
        !same(before.validFrom, state.validFrom) ||
        (!state.validTo && before.validTo) ||
        (!state.validTo && before.successorId !== state.successorId)
      ) {
        changes.push("changed");
      }
      if (changes.length === 0) changes.push("unchanged");
    }
    for (const change of changes) report.counts[change]++;
    if (changes[0] === "unchanged") continue;
    writes.push({ state, isNew: !before });
    report.entries.push({
      line: row.line,
      id: state.id,
      name: state.name,
      changes,
      ...(before ? { before: { name: before.name, parent: before.parentId, parentName: nameOf(before.parentId) } } : {}),
      after: { parent: state.parentId, parentName: nameOf(state.parentId), validTo: dayText(state.validTo), successor: state.successorId, successorName: nameOf(state.successorId) },
    });
  }
  return { report, writes };
}

async function check(reader: Reader, content: string) {
  const file = readUnitFile(content);
  if (!file.ok) return file;
  const provinces = new Set((await listProvinces()).map((p) => p.code));
  const existing = await loadState(reader);
  return { ok: true as const, existing, ...validate(file.rows, existing, provinces) };
}

/**
 * The dry run: reads the upload, checks it, and keeps it with its report.
 * A file that is not a unit list at all (not UTF-8, not CSV, wrong header)
 * is refused with the reason and kept nowhere.
 */
export async function dryRun({ actor, fileName, bytes }: { actor: SessionUser; fileName: string; bytes: Uint8Array }): Promise<{ ok: true; importId: string; report: ImportReport } | FileProblem> {
  requireUnitAdmin(actor);
  const decoded = decodeUpload(bytes);
  if (!decoded.ok) return decoded;
  const checked = await check(db, decoded.text);
  if (!checked.ok) return checked;
  const name = nfc(fileName).replace(/[\u0000-\u001f\u007f\\/]/g, "").slice(-200) || "units.csv";
  const stored = await db.unitImport.create({
    data: { createdById: actor.id, fileName: name, content: decoded.text, report: JSON.stringify(checked.report) },
    select: { id: true },
  });
  return { ok: true, importId: stored.id, report: checked.report };
}

/** A stored upload and its report, or null. */
export async function getImport({ actor, importId }: { actor: SessionUser; importId: string }) {
  requireUnitAdmin(actor);
  if (!/^[a-z0-9]{1,40}$/.test(importId)) return null;
  const row = await db.unitImport.findUnique({ where: { id: importId }, select: { id: true, fileName: true, createdAt: true, appliedAt: true, report: true } });
  if (!row) return null;
  return { ...row, report: JSON.parse(row.report) as ImportReport };
}

const BATCH = 500;

/**
 * Added units go in batches, parents before children, each with its final
 * path; their successors after, since a successor may be added later in the
 * file. Changed units one by one, after the codes that move between units
 * are let go (codes are unique at every step). recomputePaths then moves the
 * subtrees of moved units.
 */
async function write(tx: Prisma.TransactionClient, existing: Map<string, UnitState>, writes: { state: UnitState; isNew: boolean }[]) {
  const parents = new Map([...existing].map(([id, u]) => [id, u.parentId]));
  for (const { state } of writes) parents.set(state.id, state.parentId);
  const paths = pathsFromParents(parents);
  const added = writes.filter((w) => w.isNew).sort((a, b) => paths.get(a.state.id)!.length - paths.get(b.state.id)!.length);
  for (let i = 0; i < added.length; i += BATCH) {
    await tx.unit.createMany({
      data: added.slice(i, i + BATCH).map(({ state }) => ({ ...state, successorId: null, path: paths.get(state.id)!, searchKey: foldVietnamese(state.name) })),
    });
  }
  for (const { state } of added) if (state.successorId) await tx.unit.update({ where: { id: state.id }, data: { successorId: state.successorId } });
  const changed = writes.filter((w) => !w.isNew);
  for (const { state } of changed) {
    if (state.code !== existing.get(state.id)?.code) await tx.unit.update({ where: { id: state.id }, data: { code: null } });
  }
  for (const { state } of changed) {
    const { id, ...data } = state;
    await tx.unit.update({ where: { id }, data: { ...data, searchKey: foldVietnamese(state.name) } });
  }
}

export type ApplyResult = { ok: true; report: ImportReport } | { ok: false; status: 409; message: string; report?: ImportReport };

class Refused extends Error {
  constructor(readonly result: Extract<ApplyResult, { ok: false }>) {
    super(result.message);
  }
}

/**
 * Applies a stored upload: checked again against the units as they are now,
 * refused (nothing written) while any row is rejected unless the admin chose
 * to skip those rows. Added units first, without parents (a parent may come
 * later in the file), then every change, then the paths of moved subtrees.
 * Marked applied in the same transaction, so a second confirmation finds it
 * done and changes nothing.
 */
export async function applyImport({ actor, importId, skipRejected }: { actor: SessionUser; importId: string; skipRejected: boolean }): Promise<ApplyResult> {
  requireUnitAdmin(actor);
  if (!/^[a-z0-9]{1,40}$/.test(importId)) throw new Response("Not found", { status: 404 });
  try {
    const report = await db.$transaction(async (tx) => {
      const stored = await tx.unitImport.findUnique({ where: { id: importId }, select: { content: true, fileName: true, appliedAt: true } });
      if (!stored) throw new Response("Not found", { status: 404 });
      const claimed = await tx.unitImport.updateMany({ where: { id: importId, appliedAt: null }, data: { appliedAt: new Date() } });
      if (claimed.count === 0) throw new Refused({ ok: false, status: 409, message: message("units.import.alreadyApplied") });
      const checked = await check(tx, stored.content);
      if (!checked.ok) throw new Refused({ ok: false, status: 409, message: checked.message });
      const { report, writes } = checked;
      if (report.counts.rejected > 0 && !skipRejected) {
        throw new Refused({ ok: false, status: 409, message: message("units.import.hasRejected", { count: report.counts.rejected }), report });
      }
      await write(tx, checked.existing, writes);
      await recomputePaths(tx);
      await tx.unitImport.update({ where: { id: importId }, data: { report: JSON.stringify(report) } });
      const { counts } = report;
      await auditEvent(
        {
          actorId: actor.id,
          action: "unit.imported",
          subjectId: null,
          details: { fileName: stored.fileName, importId, ...counts, skipped: skipRejected ? counts.rejected : 0 },
        },
        tx,
      );
      return report;
    });
    forgetReferenceData();
    return { ok: true, report };
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    // Checked again just now: the page shows the rows as they stand now, not as at the dry run.
    if (error.result.report) await db.unitImport.updateMany({ where: { id: importId, appliedAt: null }, data: { report: JSON.stringify(error.result.report) } });
    return error.result;
  }
}
