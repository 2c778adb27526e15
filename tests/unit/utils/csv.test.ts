import { describe, expect, test } from "vitest";
import { CsvError, parseCsv } from "~/utils/csv";

describe("parseCsv", () => {
  test("plain fields, LF and CRLF line ends, a blank last line", () => {
    expect(parseCsv("a,b,c\n1,2,3\r\n4,,6\n")).toEqual([
      { line: 1, fields: ["a", "b", "c"] },
      { line: 2, fields: ["1", "2", "3"] },
      { line: 3, fields: ["4", "", "6"] },
    ]);
  });

  test("quoted fields hold commas, doubled quotes and line breaks; a record starting after one keeps its real line", () => {
    const records = parseCsv('id,name\n1,"Sở Nội vụ, Huế"\n2,"Tổ ""số"" cộng đồng"\n3,"hai\r\ndòng"\n4,cuối');
    expect(records.map((r) => r.fields)).toEqual([
      ["id", "name"],
      ["1", "Sở Nội vụ, Huế"],
      ["2", 'Tổ "số" cộng đồng'],
      ["3", "hai\r\ndòng"],
      ["4", "cuối"],
    ]);
    expect(records.map((r) => r.line)).toEqual([1, 2, 3, 4, 6]);
  });

  test("a byte order mark is dropped and every value comes back in NFC", () => {
    const decomposed = "Thua\u0323\u0302n Ho\u0301a".normalize("NFD");
    const [header, row] = parseCsv(`\uFEFFname\n${decomposed}`);
    expect(header!.fields).toEqual(["name"]);
    expect(row!.fields[0]).toBe("Thuận Hóa".normalize("NFC"));
    expect(row!.fields[0]).toBe(row!.fields[0]!.normalize("NFC"));
  });

  test("an empty quoted field, and a quoted last field without a line end", () => {
    expect(parseCsv('a,"",c\n"x"').map((r) => r.fields)).toEqual([["a", "", "c"], ["x"]]);
  });

  test("a quote never closed is refused with the line the record starts on", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrowError(CsvError);
    try {
      parseCsv('a,b\n1,"open\n2,3');
    } catch (error) {
      expect(error).toMatchObject({ line: 2, reason: "unclosedQuote" });
    }
  });

  test("a quote inside an unquoted field, or text after a closing quote, is refused with its line", () => {
    for (const text of ['a,b\nx,ab"c', 'a,b\nx,"ab"c']) {
      try {
        parseCsv(text);
        expect.unreachable();
      } catch (error) {
        expect(error).toMatchObject({ line: 2, reason: "quoteInField" });
      }
    }
  });
});
