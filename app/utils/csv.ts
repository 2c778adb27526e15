/**
 * A small CSV reader (RFC 4180): fields separated by commas, quoted with
 * double quotes when they hold commas, quotes or line breaks, a quote inside
 * a quoted field doubled. Lines end in CRLF or LF; a byte order mark at the
 * start is dropped. Every value comes back in NFC.
 *
 * Each record carries the line it starts on, so an error can name the line a
 * spreadsheet shows. Ours rather than a library's: it is forty lines, and
 * the import must say exactly where a file is broken.
 */
import { nfc } from "~/utils/text";

export type CsvRecord = { line: number; fields: string[] };

export class CsvError extends Error {
  constructor(
    readonly line: number,
    readonly reason: "unclosedQuote" | "quoteInField",
  ) {
    super(`CSV ${reason} at line ${line}`);
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let wasQuoted = false;
  const endField = () => {
    fields.push(nfc(field));
    field = "";
    wasQuoted = false;
  };
  const endRecord = () => {
    endField();
    // A blank line is no record (a file often ends with one).
    if (!(fields.length === 1 && fields[0] === "")) records.push({ line: recordLine, fields });
    fields = [];
  };
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
          wasQuoted = true;
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"') {
      // A quote opens a field only at its start; "ab"c" or ab"c is not CSV.
      if (field !== "" || wasQuoted) throw new CsvError(line, "quoteInField");
      quoted = true;
    } else if (c === ",") {
      endField();
    } else if (c === "\r" && input[i + 1] === "\n") {
      // CRLF: the LF ends the record.
    } else if (c === "\n") {
      endRecord();
      line++;
      recordLine = line;
    } else {
      if (wasQuoted) throw new CsvError(line, "quoteInField");
      field += c;
    }
  }
  if (quoted) throw new CsvError(recordLine, "unclosedQuote");
  endRecord();
  return records;
}
