/**
 * The report, its people list and the training record as tables for the
 * CSV and XLSX exports: the same functions, rows and totals as the pages,
 * with Vietnamese column headers (files are handed on to offices in Vietnam,
 * whatever language the manager reads the site in).
 */
import { parseReportQuery, peopleRowsForExport, requiredTrainingReport, type ReportQuery, type ReportRow } from "~/models/report.server";
import { unitInScope } from "~/models/scope.server";
import { parseYear, trainingRecordForExport } from "~/models/training-record.server";
import type { SessionUser } from "~/utils/auth.server";
import { csvResponse, type Cell, type ExportTable } from "~/utils/csv-export.server";
import { xlsxResponse } from "~/utils/xlsx-export.server";
import { translate, type MessageKey, type MessageParams } from "~/utils/i18n";
import { messagesFor } from "~/utils/i18n.server";

const vi = messagesFor("vi");
const t = (key: MessageKey, params?: MessageParams) => translate("vi", vi, key, params);

type Actor = Pick<SessionUser, "role" | "managedUnitId">;

const fileName = (key: MessageKey, unitName: string | undefined, suffix = "") => `${t(key)} - ${unitName ?? t("report.country")}${suffix}`;

function reportCells(row: Omit<ReportRow, "unit">, label: string): Cell[] {
  return [label, row.people, row.assigned, row.notShared, row.started, row.completed, row.overdue, row.averageScore, row.certificates, row.hours];
}

/** The table by sub-unit: its rows, then the totals row. */
export async function reportExport({ actor, query }: { actor: Actor; query: ReportQuery }): Promise<{ table: ExportTable; fileName: string }> {
  const report = await requiredTrainingReport({ actor, query });
  const unitName = report.unit?.name;
  const rows = report.rows.map((row) =>
    reportCells(row, row.unit ? row.unit.name : unitName ? t("report.ownRow", { unit: unitName }) : t("report.ownRowCountry")),
  );
  return {
    fileName: fileName("report.fileReport", unitName),
    table: {
      title: t("report.fileReport"),
      columns: [
        { header: t("report.unit"), type: "text", width: 40 },
        ...(["report.people", "report.assigned", "report.notShared", "report.started", "report.completed", "report.overdue", "report.averageScore", "report.certificates", "report.hours"] as const).map(
          (key) => ({ header: t(key), type: "number" as const, width: 14 }),
        ),
      ],
      rows: async function* () {
        yield rows;
      },
      footer: [reportCells(report.totals, t("report.total"))],
    },
  };
}

/** One row per person and required course, people who share only; the others counted in the last line. */
export async function peopleExport({ actor, query }: { actor: Actor; query: ReportQuery }): Promise<{ table: ExportTable; fileName: string }> {
  const people = await peopleRowsForExport({ actor, query });
  return {
    fileName: fileName("report.filePeople", people.unit?.name),
    table: {
      title: t("report.filePeople"),
      columns: [
        { header: t("report.person"), type: "text", width: 28 },
        { header: t("report.position"), type: "text", width: 20 },
        { header: t("report.unit"), type: "text", width: 36 },
        { header: t("report.course"), type: "text", width: 40 },
        { header: t("report.due"), type: "date" },
        { header: t("report.state"), type: "text", width: 16 },
        { header: t("report.completedAt"), type: "date", width: 16 },
        { header: t("report.score"), type: "number" },
        { header: t("report.certificate"), type: "text" },
        { header: t("report.hours"), type: "number" },
      ],
      rows: async function* () {
        for await (const batch of people.rows()) {
          yield batch.map((r) => [
            r.fullName,
            r.position,
            r.unitName,
            r.courseTitle,
            r.dueAt,
            t(`report.state.${r.state}`),
            r.completedAt,
            r.score,
            r.certified ? t("report.yes") : t("report.no"),
            r.hours,
          ]);
        }
      },
      footer: [[t("report.notSharedFooter"), people.notShared]],
    },
  };
}

export async function trainingRecordExport({ actor, unitId, year }: { actor: Actor; unitId: string | null; year: number }): Promise<{ table: ExportTable; fileName: string }> {
  const record = await trainingRecordForExport({ actor, unitId, year });
  return {
    fileName: fileName("report.fileRecord", record.unit?.name, ` ${year}`),
    table: {
      title: `${t("report.fileRecord")} ${year}`,
      columns: [
        { header: t("report.person"), type: "text", width: 28 },
        { header: t("report.position"), type: "text", width: 20 },
        { header: t("report.unit"), type: "text", width: 36 },
        { header: t("report.record.hours"), type: "number" },
        { header: t("report.record.periods"), type: "number", width: 18 },
        { header: t("report.record.target"), type: "number", width: 14 },
        { header: t("report.record.met"), type: "text", width: 14 },
      ],
      rows: async function* () {
        for await (const batch of record.rows()) {
          yield batch.map((r) => [r.fullName, r.position, r.unitName, r.hours, r.periods, r.targetHours, r.met === null ? t("report.record.noTarget") : r.met ? t("report.yes") : t("report.no")]);
        }
      },
      footer: [[t("report.notSharedFooter"), record.notShared]],
    },
  };
}

const badRequest = (key: MessageKey) => new Response(t(key), { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/** The response for a report export: the scope checked (403/404) before anything else, bad filters a 400 in words. */
export async function reportFile({ actor, params, format }: { actor: Actor; params: URLSearchParams; format: "csv" | "xlsx" }) {
  const { query, errors } = parseReportQuery(params);
  if (errors.length) {
    await unitInScope(actor, query.unitId);
    return badRequest(errors[0]!);
  }
  const { table, fileName } = params.get("view") === "people" ? await peopleExport({ actor, query }) : await reportExport({ actor, query });
  return format === "csv" ? csvResponse(table, fileName) : xlsxResponse(table, fileName);
}

export async function trainingRecordFile({ actor, params, format }: { actor: Actor; params: URLSearchParams; format: "csv" | "xlsx" }) {
  const unitId = (params.get("unit") ?? "").slice(0, 200) || null;
  const { year, error } = parseYear(params.get("year"));
  if (error) {
    await unitInScope(actor, unitId);
    return badRequest("report.badYear");
  }
  const { table, fileName } = await trainingRecordExport({ actor, unitId, year });
  return format === "csv" ? csvResponse(table, fileName) : xlsxResponse(table, fileName);
}
