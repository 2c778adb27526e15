import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import jsQR from "jsqr";
import { PDFDocument, PDFName, PDFString } from "pdf-lib";
import { PNG } from "pngjs";
import { afterAll, describe, expect, test } from "vitest";
import { type CertificateSnapshot } from "~/models/certificate-types";
import { cleanCertificateText, formatCertificateDate, renderCertificatePdf } from "~/models/certificate-pdf.server";
import { formatShortCode } from "~/utils/certificate-code";
import { sampleSnapshot, sampleVerifyUrl } from "../../fixtures/certificate";
import { popplerAdvice, requirePoppler } from "../../setup/poppler";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hoc-so-certificate-"));
let files = 0;

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

// No skipping: without poppler-utils every test that reads a PDF fails, saying what to install.
test("poppler-utils is installed", () => {
  requirePoppler();
});

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: "utf8" });
  if (result.error) throw new Error(`${command}: ${result.error.message}\n${popplerAdvice}`);
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return result.stdout;
}

async function render(snapshot: Partial<CertificateSnapshot> = {}, options: { verifyUrl?: string; locale?: "vi" | "en" } = {}) {
  const bytes = await renderCertificatePdf({ snapshot: { ...sampleSnapshot, ...snapshot }, verifyUrl: options.verifyUrl ?? sampleVerifyUrl, locale: options.locale });
  const file = path.join(dir, `certificate-${++files}.pdf`);
  fs.writeFileSync(file, bytes);
  return { bytes, file };
}

/** The PDF's text layer as pdftotext reads it, whitespace and line breaks collapsed to single spaces. */
function textOf(file: string): string {
  return run("pdftotext", ["-enc", "UTF-8", file, "-"]).replace(/\s+/g, " ").trim();
}

test("the holder's name, the serial and the course come back from the text layer exactly, diacritics and all", async () => {
  for (const holderName of ["Nguyễn Thị Ngọc Ánh", "Đặng Hữu Phước"]) {
    const { file } = await render({ holderName });
    const text = textOf(file);
    expect(text).toContain(holderName);
    expect(text).toContain("CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC");
    expect(text).toContain("Chính quyền số và dịch vụ công toàn trình");
    expect(text).toContain("HS-2026-000123");
    expect(text).toContain("Phiên bản 2");
    expect(text).toContain("Chức vụ: Công chức Văn phòng – Thống kê");
    expect(text).toContain("Đơn vị: Ủy ban nhân dân xã Phú Vang");
    expect(text).toContain("Tỉnh/thành phố: Thành phố Huế");
    expect(text).toContain("2. Giao tiếp và hợp tác trong môi trường số");
    expect(text).toContain("Trung cấp (bậc 3)");
    expect(text).toContain("43 phút (1 tiết)");
    expect(text).toContain("90%");
    expect(text).toContain("27/11/2026");
    expect(text).toContain("27/11/2028");
    expect(text).toContain("Sở Khoa học và Công nghệ thành phố Huế");
    expect(text).toContain("7KQM-4XPA-9R");
    expect(text).toContain("Xác minh tại: hocso.vn/verify — mã 7KQM-4XPA-9R");
  }
});

test("the text is real text in embedded subsets of Be Vietnam Pro, not outlines", async () => {
  const { file } = await render();
  const fonts = run("pdffonts", [file]);
  // Columns: name, type, encoding, embedded, subset, ToUnicode (what makes the text copyable).
  expect(fonts).toMatch(/[A-Z]{6}\+BeVietnamPro-Regular +CID TrueType +Identity-H +yes +yes +yes/);
  expect(fonts).toMatch(/[A-Z]{6}\+BeVietnamPro-SemiBold +CID TrueType +Identity-H +yes +yes +yes/);
});

test("the page is A4 landscape and the metadata describe the certificate", async () => {
  const { bytes } = await render();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(doc.getPageCount()).toBe(1);
  const { width, height } = doc.getPage(0).getSize();
  expect(Math.abs(width - 842)).toBeLessThanOrEqual(1);
  expect(Math.abs(height - 595)).toBeLessThanOrEqual(1);
  expect(doc.getTitle()).toBe("CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC: Chính quyền số và dịch vụ công toàn trình");
  expect(doc.getAuthor()).toBe("Sở Khoa học và Công nghệ thành phố Huế");
  expect(doc.getSubject()).toBe("Số hiệu HS-2026-000123 · Nguyễn Thị Ngọc Ánh");
  expect(doc.getCreator()).toBe("Học Số");
  expect(doc.getCreationDate()?.toISOString()).toBe(sampleSnapshot.issuedAt);
  expect(doc.getModificationDate()?.toISOString()).toBe(sampleSnapshot.issuedAt);
  expect(doc.catalog.lookup(PDFName.of("Lang"), PDFString).decodeText()).toBe("vi");
});

test("the QR code decodes to the verification URL", async () => {
  const { file } = await render();
  const prefix = path.join(dir, "qr");
  run("pdftoppm", ["-png", "-r", "150", "-singlefile", file, prefix]);
  const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(code?.data).toBe(sampleVerifyUrl);
});

test("the same snapshot gives the same bytes; another snapshot does not", async () => {
  const first = await render();
  const second = await render();
  expect(Buffer.from(first.bytes).equals(Buffer.from(second.bytes))).toBe(true);
  const other = await render({ serial: "HS-2026-000124" });
  expect(Buffer.from(first.bytes).equals(Buffer.from(other.bytes))).toBe(false);
});

test("a deleted account's certificate names no one and shows none of the holder's details", async () => {
  const { file, bytes } = await render({ holderName: null });
  const text = textOf(file);
  expect(text).toContain("Chứng nhận cấp cho một tài khoản đã xóa");
  expect(text).toContain("về việc hoàn thành khóa học Chính quyền số và dịch vụ công toàn trình");
  expect(text).toContain("HS-2026-000123");
  expect(text).not.toContain("Nguyễn");
  expect(text).not.toContain("Phú Vang");
  expect(text).not.toContain("Trân trọng chứng nhận");
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  expect(doc.getSubject()).toBe("Số hiệu HS-2026-000123");
});

describe("hostile names render, and the readable part stays in the text layer", () => {
  const cases: { name: string; holderName: string; readable: string; absent?: string[] }[] = [
    { name: "quotes and markup", holderName: `"Robert'); <script>alert(1)</script> Đặng`, readable: `"Robert'); <script>alert(1)</script> Đặng` },
    { name: "a right-to-left mark", holderName: "\u200FĐặng Hữu Phước\u200F", readable: "Đặng Hữu Phước", absent: ["\u200F"] },
    { name: "decomposed diacritics", holderName: "Nguye\u0302\u0303n Thi\u0323 Ngo\u0323c A\u0301nh", readable: "Nguyễn Thị Ngọc Ánh" },
    { name: "emoji", holderName: "Ánh 😀 👩🏽‍💻 Phước 🇻🇳", readable: "Ánh Phước", absent: ["😀", "👩", "\u200D", "\uFFFD"] },
    { name: "control characters and line breaks", holderName: "Lê\nVăn\tTám\u0000", readable: "Lê Văn Tám" },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const { file } = await render({ holderName: c.holderName });
      const text = textOf(file);
      expect(text).toContain(c.readable);
      for (const absent of c.absent ?? []) expect(text).not.toContain(absent);
    });
  }

  test("a 300-character name shrinks, wraps to two lines and is cut short, on one page", async () => {
    const words = ["Tôn", "Nữ", "Thị", "Phương", "Thảo", "Ngọc", "Bích", "Hạnh", "Nguyên", "Huyền", "Trang"];
    let holderName = "";
    for (let i = 0; holderName.length < 300; i++) holderName += `${words[i % words.length]} `;
    holderName = holderName.slice(0, 300);
    const { file, bytes } = await render({ holderName });
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const text = textOf(file);
    expect(text).toContain("Tôn Nữ Thị Phương Thảo Ngọc Bích Hạnh Nguyên Huyền Trang Tôn Nữ");
    expect(text).toContain("…");
    // Everything after the name is still there.
    expect(text).toContain("Chính quyền số và dịch vụ công toàn trình");
    expect(text).toContain("Xác minh tại: hocso.vn/verify");
  });

  test("a 300-letter word is broken between letters", async () => {
    const { file } = await render({ holderName: "Ư".repeat(300) });
    expect(textOf(file)).toContain("Ư".repeat(40));
  });

  test("a name the font cannot draw at all points to the verification page", async () => {
    const { file } = await render({ holderName: "王小明" });
    const text = textOf(file);
    expect(text).toContain("Họ và tên người học: xem tại trang xác minh");
    expect(text).not.toContain("王");
  });
});

test("long course titles wrap, and every word is still in the text layer", async () => {
  const courseTitle =
    "Chính quyền số, dịch vụ công trực tuyến toàn trình và chia sẻ dữ liệu giữa các cơ quan nhà nước ở cấp xã, phường sau sắp xếp đơn vị hành chính";
  const { file } = await render({ courseTitle });
  expect(textOf(file)).toContain(courseTitle);
});

test("a resident without a final test or an expiry: no score, 'Không thời hạn', periods in Vietnamese decimals", async () => {
  const { file } = await render({
    holderName: "Đặng Hữu Phước",
    learnerGroup: "resident",
    unitName: null,
    position: null,
    provinceName: "Quảng Trị",
    finalScore: null,
    expiresAt: null,
    minutes: 68,
    periods: 1.5,
  });
  const text = textOf(file);
  expect(text).toContain("Đối tượng: Người dân");
  expect(text).toContain("Tỉnh/thành phố: Quảng Trị");
  expect(text).not.toContain("Chức vụ");
  expect(text).not.toContain("ĐIỂM KIỂM TRA");
  expect(text).toContain("68 phút (1,5 tiết)");
  expect(text).toContain("Không thời hạn");
});

test("English glosses are added to the labels when asked; the document stays Vietnamese", async () => {
  const { file } = await render({}, { locale: "en" });
  const text = textOf(file);
  expect(text).toContain("Trân trọng chứng nhận / This is to certify that");
  expect(text).toContain("Nguyễn Thị Ngọc Ánh");
  expect(text).toContain("Xác minh tại / Verify at: hocso.vn/verify — mã 7KQM-4XPA-9R");
});

test("dates are dd/mm/yyyy in Vietnam's time zone", () => {
  expect(formatCertificateDate("2026-12-31T18:30:00.000Z")).toBe("01/01/2027");
  expect(formatCertificateDate("2026-03-05T01:00:00.000Z")).toBe("05/03/2026");
  expect(() => formatCertificateDate("not a date")).toThrow(/not a valid ISO 8601/);
});

test("short codes are grouped for reading; text is NFC without invisible characters", () => {
  expect(formatShortCode("7KQM4XPA9R")).toBe("7KQM-4XPA-9R");
  expect(formatShortCode("7KQM-4XPA-9R")).toBe("7KQM-4XPA-9R");
  expect(cleanCertificateText(" A\u0301nh\u200F\u200D  Lê\n")).toBe("Ánh Lê");
});
