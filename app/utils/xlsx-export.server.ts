/**
 * The same tables as CSV, as an Excel workbook: exceljs's streaming writer,
 * one sheet, the header row bold and frozen, numbers as numbers and dates as
 * real dates shown dd/mm/yyyy. Rows are committed as they come, a batch at a
 * time, and the writer waits whenever the response has not taken what it
 * was given, so memory holds about one batch however many rows there are.
 */
import { once } from "node:events";
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable } from "@remix-run/node";
import ExcelJS from "exceljs";
import { attachment, exportDay, guardFormula, type Cell, type ExportTable } from "~/utils/csv-export.server";

/** Excel dates have no time zone: the Vietnam day, at midnight, is the date the reader expects. */
const excelDate = (date: Date) => new Date(`${exportDay(date)}T00:00:00Z`);

function excelCell(cell: Cell) {
  if (cell instanceof Date) return excelDate(cell);
  if (typeof cell === "string") return guardFormula(cell.normalize("NFC"));
  return cell;
}

/** Writes the table into `out` and ends it; rejects (after destroying `out`) if a row cannot be read. */
export async function writeXlsx(table: ExportTable, out: PassThrough) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  // Sheet names: at most 31 characters, none of []:*?/\.
  const sheet = workbook.addWorksheet(table.title.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({
    key: String(i),
    width: c.width ?? (c.type === "text" ? 28 : c.type === "date" ? 12 : 12),
    style: c.type === "date" ? { numFmt: "dd/mm/yyyy" } : {},
  }));
  const header = sheet.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.commit();
  for await (const batch of table.rows()) {
    for (const cells of batch) sheet.addRow(cells.map(excelCell)).commit();
    // Let the zip (which compresses off the main thread) and the socket take
    // what was written before reading more: rows waiting in the zip are memory too.
    await new Promise((resolve) => setImmediate(resolve));
    if (out.writableNeedDrain) await once(out, "drain");
  }
  for (const cells of table.footer ?? []) {
    const row = sheet.addRow(cells.map(excelCell));
    row.font = { bold: true };
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

export function xlsxStream(table: ExportTable): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  writeXlsx(table, out).catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return createReadableStreamFromReadable(out);
}

export function xlsxResponse(table: ExportTable, fileName: string) {
  return new Response(xlsxStream(table), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": attachment(fileName, "xlsx"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
