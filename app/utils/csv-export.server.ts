/**
 * Tables sent as files: the shape both exports take (CSV here, XLSX in
 * xlsx-export.server.ts), and the CSV writer.
 *
 * CSV for Excel users in Vietnam: UTF-8 with a byte-order mark (without it
 * Excel reads the file as the local code page and garbles the tones),
 * comma-separated, every field quoted when it must be (RFC 4180), dates as
 * dd/mm/yyyy. A cell that starts with = + - @ (or a tab or carriage return)
 * is prefixed with ' so a spreadsheet never runs a name as a formula.
 *
 * Rows come from an async source in batches and leave as a ReadableStream
 * that pulls one batch at a time: memory holds one batch, whatever the size.
 */
import { foldVietnamese } from "~/utils/text";

export type Cell = string | number | Date | null;
export type ColumnType = "text" | "number" | "date";
export type Column = { header: string; type: ColumnType; width?: number };

/** A table to export: its columns, its rows in batches, and lines after them (totals, people only counted). */
export type ExportTable = {
  title: string;
  columns: Column[];
  rows: () => AsyncIterable<Cell[][]>;
  footer?: Cell[][];
};

// One formatter for every cell: making one per date costs native (ICU) memory
// the garbage collector does not see, and a 100,000-row export grew by a gigabyte.
const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" });

/** YYYY-MM-DD in Vietnam's calendar. */
export const exportDay = (date: Date) => dayFormat.format(date);

/** dd/mm/yyyy in Vietnam's calendar. */
export function vietnamDate(date: Date) {
  const [year, month, day] = exportDay(date).split("-");
  return `${day}/${month}/${year}`;
}

/** What a spreadsheet would take for a formula: an apostrophe makes it text. */
export function guardFormula(text: string) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(cell: Cell): string {
  if (cell === null) return "";
  if (cell instanceof Date) return vietnamDate(cell);
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = guardFormula(cell.normalize("NFC"));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvField).join(",")}\r\n`;

export function csvStream(table: ExportTable): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncIterator<Cell[][]> | undefined;
  let done = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${csvLine(table.columns.map((c) => c.header))}`));
    },
    // One batch per pull: the stream asks for more only when the reader has taken what it had.
    async pull(controller) {
      if (done) return;
      batches ??= table.rows()[Symbol.asyncIterator]();
      const next = await batches.next();
      if (next.done) {
        done = true;
        if (table.footer?.length) controller.enqueue(encoder.encode(table.footer.map(csvLine).join("")));
        controller.close();
        return;
      }
      controller.enqueue(encoder.encode(next.value.map(csvLine).join("")));
    },
    async cancel() {
      await batches?.return?.();
    },
  });
}

/**
 * Content-Disposition for a download named in Vietnamese: an ASCII fallback
 * for old clients and the real name in RFC 5987's filename*.
 */
export function attachment(name: string, extension: "csv" | "xlsx") {
  const ascii =
    foldVietnamese(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 80) || "bao-cao";
  const real = `${name.normalize("NFC").replace(/[\u0000-\u001f\u007f"\\/]/g, "").slice(0, 120)}.${extension}`;
  return `attachment; filename="${ascii}.${extension}"; filename*=UTF-8''${encodeURIComponent(real).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function csvResponse(table: ExportTable, fileName: string) {
  return new Response(csvStream(table), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(fileName, "csv"),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
