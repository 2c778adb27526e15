/**
 * The certificate as a one-page A4 landscape PDF, drawn from its snapshot
 * alone: the same snapshot always gives the same bytes, so a PDF can be
 * cached by the snapshot's hash and re-made at any time.
 *
 * The document is Vietnamese whatever the reader's language (it is the
 * official record); `locale: "en"` adds English glosses to the labels.
 */
import { formatShortCode } from "~/utils/certificate-code";
import crypto from "node:crypto";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit from "@pdf-lib/fontkit";
import { LineCapStyle, PDFDocument, type PDFFont, type PDFPage, rgb, type RGB, setCharacterSpacing } from "pdf-lib";
import QRCode from "qrcode";
import { type CertificateSnapshot } from "~/models/certificate-types";
import { levelBand } from "~/models/content/taxonomy";
import { vi } from "~/locales/vi";
import { formatNumber, type Locale, translate } from "~/utils/i18n";

export type RenderCertificatePdfOptions = {
  snapshot: CertificateSnapshot;
  /** The public verification page, encoded in the QR code: "https://hocso.vn/verify/<publicId>". */
  verifyUrl: string;
  /** "en" adds English glosses to the Vietnamese labels; the wording stays Vietnamese. */
  locale?: Locale;
};

// A4 landscape, in points.
const pageWidth = 841.89;
const pageHeight = 595.28;

const colors = {
  green: rgb(11 / 255, 93 / 255, 59 / 255), // the app's theme colour, #0b5d3b
  gold: rgb(168 / 255, 134 / 255, 72 / 255),
  paleGold: rgb(236 / 255, 226 / 255, 203 / 255),
  paleGreen: rgb(231 / 255, 241 / 255, 235 / 255),
  ink: rgb(28 / 255, 38 / 255, 33 / 255),
  muted: rgb(88 / 255, 99 / 255, 93 / 255),
  paper: rgb(252 / 255, 251 / 255, 246 / 255),
  white: rgb(1, 1, 1),
};

/** The document's labels, with the English gloss shown when locale is "en". */
const text = {
  title: { vi: "CHỨNG NHẬN HOÀN THÀNH KHÓA HỌC", en: "CERTIFICATE OF COURSE COMPLETION" },
  certifies: { vi: "Trân trọng chứng nhận", en: "This is to certify that" },
  completed: { vi: "đã hoàn thành khóa học", en: "has completed the course" },
  deletedHolder: { vi: "Chứng nhận cấp cho một tài khoản đã xóa", en: "Issued to an account that has since been deleted" },
  deletedCompleted: { vi: "về việc hoàn thành khóa học", en: "for completing the course" },
  unreadableName: { vi: "Họ và tên người học: xem tại trang xác minh", en: "Holder's name: see the verification page" },
  version: { vi: "Phiên bản", en: "Version" },
  group: { vi: "Đối tượng", en: "Learner group" },
  position: { vi: "Chức vụ", en: "Position" },
  unit: { vi: "Đơn vị", en: "Unit" },
  province: { vi: "Tỉnh/thành phố", en: "Province" },
  area: { vi: "Lĩnh vực năng lực", en: "Competence area" },
  level: { vi: "Trình độ", en: "Level" },
  duration: { vi: "Thời lượng", en: "Duration" },
  score: { vi: "Điểm kiểm tra cuối khóa", en: "Final test score" },
  completedAt: { vi: "Ngày hoàn thành", en: "Completed on" },
  serial: { vi: "Số hiệu", en: "Serial number" },
  issuedAt: { vi: "Ngày cấp", en: "Issued on" },
  expiresAt: { vi: "Có giá trị đến", en: "Valid until" },
  issuer: { vi: "Đơn vị cấp", en: "Issued by" },
  issuedOnline: { vi: "Cấp trực tuyến, xác minh bằng mã QR", en: "Issued online; verify with the QR code" },
  verifyAt: { vi: "Xác minh tại", en: "Verify at" },
} as const;

/** Words inside values, which stay Vietnamese. */
const words = { noExpiry: "Không thời hạn", code: "mã", minutes: "phút", periods: "tiết" };
type Wording = (typeof text)[keyof typeof text];

// ---------------------------------------------------------------------------
// Fonts: whole TrueType files, read once per process. Resolved at run time
// through Node's resolver so it works from app/ and from the server bundle
// (which keeps node_modules external).

const fontFiles = {
  regular: "@expo-google-fonts/be-vietnam-pro/400Regular/BeVietnamPro_400Regular.ttf",
  semiBold: "@expo-google-fonts/be-vietnam-pro/600SemiBold/BeVietnamPro_600SemiBold.ttf",
} as const;
type FontBytes = Record<keyof typeof fontFiles, Uint8Array>;

let fontBytes: Promise<FontBytes> | undefined;

function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= (async () => {
    const require = createRequire(import.meta.url);
    const [regular, semiBold] = await Promise.all([
      fs.readFile(require.resolve(fontFiles.regular)),
      fs.readFile(require.resolve(fontFiles.semiBold)),
    ]);
    return { regular, semiBold };
  })().catch((error: unknown) => {
    fontBytes = undefined; // let the next request try again
    throw error;
  });
  return fontBytes;
}

/**
 * A subset font is named "ABCDEF+Family" (ISO 32000, 9.6.4), with a tag
 * that differs between subsets, so tools that merge PDFs keep them apart.
 * The tag comes from the content, not from chance, to keep output repeatable.
 */
function subsetName(family: string, content: string): string {
  const digest = crypto.createHash("sha256").update(`${family}\n${content}`).digest();
  const tag = Array.from(digest.subarray(0, 6), (byte) => String.fromCharCode(65 + (byte % 26))).join("");
  return `${tag}+${family}`;
}

async function embedFonts(doc: PDFDocument, bytes: FontBytes, content: string) {
  const regular = await doc.embedFont(bytes.regular, { subset: true, customName: subsetName("BeVietnamPro-Regular", content) });
  const semiBold = await doc.embedFont(bytes.semiBold, { subset: true, customName: subsetName("BeVietnamPro-SemiBold", content) });
  registerMetrics(regular, "regular");
  registerMetrics(semiBold, "semiBold");
  return { regular, semiBold };
}

// ---------------------------------------------------------------------------
// Text that is safe to draw.

/**
 * What each font file can draw, and each character's advance at size 1:
 * fontkit's layout costs about a millisecond a call, too slow for fitting
 * long names, so fitting adds up cached advances. Kept per file, across
 * documents (a PDFFont lives for one document only).
 */
type Metrics = { characters: Set<number>; advances: Map<string, number> };
const metricsByFile = new Map<keyof typeof fontFiles, Metrics>();
const metricsByFont = new WeakMap<PDFFont, Metrics>();

function registerMetrics(font: PDFFont, file: keyof typeof fontFiles) {
  let metrics = metricsByFile.get(file);
  if (!metrics) {
    metrics = { characters: new Set(font.getCharacterSet()), advances: new Map() };
    metricsByFile.set(file, metrics);
  }
  metricsByFont.set(font, metrics);
}

function metricsOf(font: PDFFont): Metrics {
  const metrics = metricsByFont.get(font);
  if (!metrics) throw new Error("Certificate fonts must be embedded through embedFonts()");
  return metrics;
}

/** NFC, without control and invisible format characters (bidi marks, joiners), whitespace collapsed. */
export function cleanCertificateText(value: string): string {
  return value
    .normalize("NFC")
    .replace(/\p{Cf}/gu, "")
    .replace(/[\p{Cc}\p{Z}]+/gu, " ")
    .trim();
}

/**
 * What the font can draw. A TrueType font draws a missing glyph as an empty
 * box (.notdef) and the text layer then holds garbage, so characters outside
 * the font (emoji, scripts Be Vietnam Pro lacks) are dropped instead.
 */
function drawable(value: string, font: PDFFont): string {
  const set = metricsOf(font).characters;
  let out = "";
  for (const char of cleanCertificateText(value)) {
    if (char === " " || set.has(char.codePointAt(0)!)) out += char;
  }
  return out.replace(/ {2,}/g, " ").trim();
}

// ---------------------------------------------------------------------------
// Measuring, fitting and drawing.

type Style = { font: PDFFont; size: number; color: RGB; tracking?: number };

/**
 * Width for fitting: the sum of the characters' advances. pdf-lib draws
 * glyph advances without kerning, so this is exact except where a ligature
 * (fi, fl) is narrower than its letters: never too narrow.
 */
function widthOf(value: string, style: Style): number {
  const { advances } = metricsOf(style.font);
  let width = 0;
  let count = 0;
  for (const char of value) {
    let advance = advances.get(char);
    if (advance === undefined) {
      advance = style.font.widthOfTextAtSize(char, 1);
      advances.set(char, advance);
    }
    width += advance;
    count++;
  }
  return width * style.size + (style.tracking ?? 0) * Math.max(0, count - 1);
}

/** Width for placing a line: fontkit's own layout, ligatures included. */
function drawnWidthOf(value: string, style: Style): number {
  return style.font.widthOfTextAtSize(value, style.size) + (style.tracking ?? 0) * Math.max(0, [...value].length - 1);
}

/** Greedy word wrap; a word wider than the line is broken between characters. */
function wrapWords(value: string, style: Style, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of value.split(" ")) {
    const candidate = line ? `${line} ${word}` : word;
    if (widthOf(candidate, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    if (widthOf(word, style) <= maxWidth) {
      line = word;
      continue;
    }
    for (const char of word) {
      if (line && widthOf(line + char, style) > maxWidth) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** Between the parts of a list such as "Chức vụ: …  ·  Đơn vị: …" (the font has no wider spaces). */
const listSeparator = "  ·  ";

/** Lines break between the parts of a list where they can, inside a part only when it is wider than a line. */
function wrapList(segments: readonly string[], style: Style, maxWidth: number): string[] {
  const separator = listSeparator;
  const lines: string[] = [];
  let line = "";
  for (const segment of segments) {
    const candidate = line ? `${line}${separator}${segment}` : segment;
    if (widthOf(candidate, style) <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    const parts = wrapWords(segment, style, maxWidth);
    line = parts.pop() ?? "";
    lines.push(...parts);
  }
  if (line) lines.push(line);
  return lines;
}

/** Cuts the text short with an ellipsis, to fit the width. */
function cutShort(value: string, style: Style, maxWidth: number): string {
  const chars = [...value];
  while (chars.length > 0 && widthOf(`${chars.join("").trimEnd()}…`, style) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}

/** Centred lines look best of even length: the narrowest width that still needs no more lines. */
function balance(value: string, style: Style, maxWidth: number, lines: string[], wrap: typeof wrapWords): string[] {
  let best = lines;
  let low = maxWidth / lines.length;
  let high = maxWidth;
  for (let i = 0; i < 12; i++) {
    const width = (low + high) / 2;
    const attempt = wrap(value, style, width);
    if (attempt.length <= lines.length) {
      best = attempt;
      high = width;
    } else {
      low = width;
    }
  }
  return best;
}

type Fit = {
  maxWidth: number;
  maxSize: number;
  minSize: number;
  maxLines: number;
  /** Below this size, take another line rather than shrink further (default: 80% of maxSize). */
  wrapBelow?: number;
};

/**
 * The largest size at which the text fits: one line down to `wrapBelow`,
 * then more lines, then the smallest size with the last line cut short
 * (only for text nobody would type, such as a 300-letter name).
 */
function fitText(text: string | readonly string[], style: Style, fit: Fit): { size: number; lines: string[] } {
  const value = typeof text === "string" ? text : text.join(listSeparator);
  const wrap = typeof text === "string" ? wrapWords : (_: string, style: Style, maxWidth: number) => wrapList(text, style, maxWidth);
  const at = (size: number): Style => ({ ...style, size });
  const step = 0.5;
  const wrapBelow = fit.maxLines > 1 ? Math.max(fit.minSize, fit.wrapBelow ?? fit.maxSize * 0.8) : fit.minSize;
  for (let size = fit.maxSize; size >= wrapBelow; size -= step) {
    if (widthOf(value, at(size)) <= fit.maxWidth) return { size, lines: [value] };
  }
  if (fit.maxLines > 1) {
    for (let size = wrapBelow; size >= fit.minSize; size -= step) {
      const lines = wrap(value, at(size), fit.maxWidth);
      if (lines.length <= fit.maxLines) return { size, lines: balance(value, at(size), fit.maxWidth, lines, wrap) };
    }
  }
  const size = fit.minSize;
  const all = wrap(value, at(size), fit.maxWidth);
  const lines = all.slice(0, fit.maxLines);
  const last = lines.length - 1;
  if (all.length > fit.maxLines && last >= 0) lines[last] = cutShort(lines[last]!, at(size), fit.maxWidth);
  return { size, lines };
}

function drawLine(page: PDFPage, value: string, style: Style, x: number, baseline: number) {
  if (!value) return;
  const tracking = style.tracking ?? 0;
  if (tracking) page.pushOperators(setCharacterSpacing(tracking));
  page.drawText(value, { x, y: baseline, font: style.font, size: style.size, color: style.color });
  if (tracking) page.pushOperators(setCharacterSpacing(0));
}

function drawCentered(page: PDFPage, value: string, style: Style, centerX: number, baseline: number) {
  drawLine(page, value, style, centerX - drawnWidthOf(value, style) / 2, baseline);
}

// ---------------------------------------------------------------------------
// Formatting.

/** dd/mm/yyyy in Vietnam's time zone, whatever the server's. */
export function formatCertificateDate(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) throw new Error(`Certificate date is not a valid ISO 8601 instant: ${JSON.stringify(iso)}`);
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("day")}/${part("month")}/${part("year")}`;
}

/** "ABCDEFGHJK" → "ABCD-EFGH-JK"; a code already grouped is left as it is. */

// ---------------------------------------------------------------------------
// The page.

export async function renderCertificatePdf({ snapshot, verifyUrl, locale = "vi" }: RenderCertificatePdfOptions): Promise<Uint8Array> {
  const say = (wording: Wording) => (locale === "en" ? `${wording.vi} / ${wording.en}` : wording.vi);
  const url = new URL(verifyUrl);
  const shortCode = formatShortCode(cleanCertificateText(snapshot.shortCode));
  const serial = cleanCertificateText(snapshot.serial);
  const holderName = snapshot.holderName === null ? null : cleanCertificateText(snapshot.holderName);
  const courseTitle = cleanCertificateText(snapshot.courseTitle);
  const issuerName = cleanCertificateText(snapshot.issuerName);
  const issued = formatCertificateDate(snapshot.issuedAt);

  const bytes = await loadFontBytes();
  // No "now" anywhere: the dates are the certificate's, so equal snapshots give equal bytes.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const { regular, semiBold } = await embedFonts(doc, bytes, JSON.stringify({ snapshot, verifyUrl, locale }));

  doc.setTitle(`${text.title.vi}: ${courseTitle}`, { showInWindowTitleBar: true });
  doc.setAuthor(issuerName);
  doc.setSubject(`${text.serial.vi} ${serial}${holderName ? ` · ${holderName}` : ""}`);
  doc.setKeywords([serial, shortCode, courseTitle]);
  doc.setCreator("Học Số");
  doc.setProducer("Học Số (pdf-lib)");
  doc.setLanguage("vi");
  doc.setCreationDate(new Date(snapshot.issuedAt));
  doc.setModificationDate(new Date(snapshot.issuedAt));

  const page = doc.addPage([pageWidth, pageHeight]);
  const centerX = pageWidth / 2;
  /** pdf-lib measures from the bottom; the layout reads better from the top. */
  const fromTop = (top: number) => pageHeight - top;

  drawFrame(page);

  // Header: the issuer, the title, its English subtitle and an ornament.
  const issuerHeader: Style = { font: semiBold, size: 9.5, color: colors.green, tracking: 1.4 };
  const header = fitText(drawable(issuerName.toLocaleUpperCase("vi"), semiBold), issuerHeader, {
    maxWidth: 600,
    maxSize: 9.5,
    minSize: 7,
    maxLines: 1,
  });
  drawCentered(page, header.lines[0] ?? "", { ...issuerHeader, size: header.size }, centerX, fromTop(64));

  drawCentered(page, text.title.vi, { font: semiBold, size: 26, color: colors.green, tracking: 0.6 }, centerX, fromTop(103));
  drawCentered(page, text.title.en, { font: regular, size: 8.5, color: colors.muted, tracking: 2.2 }, centerX, fromTop(120));
  drawOrnament(page, centerX, fromTop(133));

  // The body flows between the header and the footer, centred in the space.
  const blocks: Block[] = [];
  const lead: Style = { font: regular, size: 11.5, color: colors.muted };
  const nameStyle: Style = { font: semiBold, size: 32, color: colors.ink };
  if (holderName !== null) {
    blocks.push(textBlock(say(text.certifies), lead, { maxWidth: 600, maxSize: 11.5, minSize: 9, maxLines: 1 }, 0));
    const name = drawable(holderName, semiBold);
    if (/[\p{L}\p{N}]/u.test(name)) {
      blocks.push(textBlock(name, nameStyle, { maxWidth: 640, maxSize: 32, minSize: 15, maxLines: 2 }, 10, { rule: true }));
    } else {
      blocks.push(textBlock(say(text.unreadableName), { ...nameStyle, font: regular, color: colors.muted }, { maxWidth: 640, maxSize: 18, minSize: 12, maxLines: 2 }, 10, { rule: true }));
    }
    const details = holderDetails(snapshot, say).map((part) => drawable(part, regular));
    if (details.length > 0) {
      blocks.push(textBlock(details, { font: regular, size: 10.5, color: colors.ink }, { maxWidth: 620, maxSize: 10.5, minSize: 8.5, maxLines: 2, wrapBelow: 9.5 }, 12));
    }
    blocks.push(textBlock(say(text.completed), lead, { maxWidth: 600, maxSize: 11.5, minSize: 9, maxLines: 1 }, 14));
  } else {
    blocks.push(textBlock(say(text.deletedHolder), { font: regular, size: 20, color: colors.muted }, { maxWidth: 640, maxSize: 20, minSize: 12, maxLines: 2 }, 0, { rule: true }));
    blocks.push(textBlock(say(text.deletedCompleted), lead, { maxWidth: 600, maxSize: 11.5, minSize: 9, maxLines: 1 }, 14));
  }
  blocks.push(
    textBlock(drawable(courseTitle, semiBold), { font: semiBold, size: 20, color: colors.green }, { maxWidth: 640, maxSize: 20, minSize: 12, maxLines: 2 }, 6),
  );
  blocks.push(
    textBlock(`${say(text.version)} ${formatNumber("vi", snapshot.courseVersion)}`, { font: regular, size: 9, color: colors.muted }, { maxWidth: 600, maxSize: 9, minSize: 8, maxLines: 1 }, 3),
  );
  blocks.push(factsBlock(factsOf(snapshot, say), { regular, semiBold }, 16));

  const bodyTop = 150;
  const bodyBottom = 432;
  const textHeight = blocks.reduce((sum, b) => sum + b.height, 0);
  const gaps = blocks.reduce((sum, b) => sum + b.gapBefore, 0);
  // Long names and titles take two lines each: then the gaps close up before anything overflows.
  const gapScale = Math.max(0.3, Math.min(1, (bodyBottom - bodyTop - textHeight) / gaps));
  let cursor = bodyTop + Math.max(0, (bodyBottom - bodyTop - textHeight - gaps * gapScale) / 2);
  for (const block of blocks) {
    cursor += block.gapBefore * gapScale;
    block.draw(page, cursor, centerX, fromTop);
    cursor += block.height;
  }

  drawFooter(page, { snapshot, url, verifyUrl, shortCode, serial, issuerName, issued, say, regular, semiBold, fromTop });

  return doc.save();
}

// ---------------------------------------------------------------------------
// Pieces of the page.

type Say = (wording: Wording) => string;
type Block = { gapBefore: number; height: number; draw: (page: PDFPage, top: number, centerX: number, fromTop: (top: number) => number) => void };

function textBlock(value: string | readonly string[], style: Style, fit: Fit, gapBefore: number, options: { rule?: boolean } = {}): Block {
  const { size, lines } = fitText(value, style, fit);
  const lineHeight = size * 1.25;
  const ruleSpace = options.rule ? 9 : 0;
  return {
    gapBefore,
    height: lineHeight * lines.length + ruleSpace,
    draw(page, top, centerX, fromTop) {
      lines.forEach((line, i) => {
        // The baseline sits about 0.95 em below the top of a line box of this font.
        drawCentered(page, line, { ...style, size }, centerX, fromTop(top + size * 0.95 + lineHeight * i));
      });
      if (options.rule) {
        const ruleTop = top + lineHeight * lines.length + 4;
        const half = 180;
        page.drawLine({ start: { x: centerX - half, y: fromTop(ruleTop) }, end: { x: centerX + half, y: fromTop(ruleTop) }, thickness: 0.6, color: colors.gold });
      }
    },
  };
}

function holderDetails(snapshot: CertificateSnapshot, say: Say): string[] {
  const group = snapshot.learnerGroup === "official" ? vi["account.group.official"] : vi["account.group.resident"];
  const parts = [`${say(text.group)}: ${group}`];
  const add = (wording: Wording, value: string | null) => {
    const clean = value === null ? "" : cleanCertificateText(value);
    if (clean) parts.push(`${say(wording)}: ${clean}`);
  };
  if (snapshot.learnerGroup === "official") {
    add(text.position, snapshot.position);
    add(text.unit, snapshot.unitName);
  }
  add(text.province, snapshot.provinceName);
  return parts;
}

type Fact = { label: string; value: string; weight: number };

function factsOf(snapshot: CertificateSnapshot, say: Say): Fact[] {
  const periods = formatNumber("vi", snapshot.periods, { maximumFractionDigits: 1 });
  const facts: Fact[] = [
    { label: say(text.area), value: `${snapshot.competenceArea}. ${cleanCertificateText(snapshot.competenceAreaName)}`, weight: 2 },
    {
      label: say(text.level),
      value: translate("vi", vi, "course.levelValue", { band: vi[`level.${levelBand(snapshot.level)}`], level: String(snapshot.level) }),
      weight: 1.1,
    },
    {
      label: say(text.duration),
      value: `${formatNumber("vi", snapshot.minutes)} ${words.minutes} (${periods} ${words.periods})`,
      weight: 1.1,
    },
  ];
  if (snapshot.finalScore !== null) {
    facts.push({ label: say(text.score), value: `${formatNumber("vi", snapshot.finalScore, { maximumFractionDigits: 1 })}%`, weight: 1.1 });
  }
  facts.push({ label: say(text.completedAt), value: formatCertificateDate(snapshot.completedAt), weight: 1 });
  return facts;
}

function factsBlock(facts: Fact[], fonts: { regular: PDFFont; semiBold: PDFFont }, gapBefore: number): Block {
  const totalWidth = 700;
  const padding = 10;
  const totalWeight = facts.reduce((sum, f) => sum + f.weight, 0);
  const labelStyle: Style = { font: fonts.regular, size: 7.5, color: colors.muted, tracking: 0.5 };
  const valueStyle: Style = { font: fonts.semiBold, size: 10.5, color: colors.ink };
  const cells = facts.map((fact) => {
    const width = (totalWidth * fact.weight) / totalWeight;
    const label = fitText(drawable(fact.label.toLocaleUpperCase("vi"), fonts.regular), labelStyle, { maxWidth: width - 2 * padding, maxSize: 7.5, minSize: 6, maxLines: 2 });
    const value = fitText(drawable(fact.value, fonts.semiBold), valueStyle, { maxWidth: width - 2 * padding, maxSize: 10.5, minSize: 8, maxLines: 2 });
    return { width, label, value };
  });
  const heightOf = (cell: (typeof cells)[number]) => cell.label.lines.length * cell.label.size * 1.3 + 4 + cell.value.lines.length * cell.value.size * 1.3;
  const height = Math.max(...cells.map(heightOf)) + 12;
  return {
    gapBefore,
    height,
    draw(page, top, centerX, fromTop) {
      const left = centerX - totalWidth / 2;
      page.drawLine({ start: { x: left, y: fromTop(top) }, end: { x: left + totalWidth, y: fromTop(top) }, thickness: 0.5, color: colors.paleGold });
      page.drawLine({ start: { x: left, y: fromTop(top + height) }, end: { x: left + totalWidth, y: fromTop(top + height) }, thickness: 0.5, color: colors.paleGold });
      let x = left;
      cells.forEach((cell, i) => {
        if (i > 0) page.drawLine({ start: { x, y: fromTop(top + 8) }, end: { x, y: fromTop(top + height - 8) }, thickness: 0.5, color: colors.paleGold });
        const cx = x + cell.width / 2;
        let y = top + 6 + (height - 12 - heightOf(cell)) / 2;
        for (const line of cell.label.lines) {
          drawCentered(page, line, { ...labelStyle, size: cell.label.size }, cx, fromTop(y + cell.label.size));
          y += cell.label.size * 1.3;
        }
        y += 4;
        for (const line of cell.value.lines) {
          drawCentered(page, line, { ...valueStyle, size: cell.value.size }, cx, fromTop(y + cell.value.size));
          y += cell.value.size * 1.3;
        }
        x += cell.width;
      });
    },
  };
}

function drawFrame(page: PDFPage) {
  const outer = 22;
  const inner = 30;
  page.drawRectangle({ x: 0, y: 0, width: pageWidth, height: pageHeight, color: colors.white });
  page.drawRectangle({
    x: outer,
    y: outer,
    width: pageWidth - 2 * outer,
    height: pageHeight - 2 * outer,
    color: colors.paper,
    borderColor: colors.green,
    borderWidth: 2.4,
  });
  page.drawRectangle({
    x: inner,
    y: inner,
    width: pageWidth - 2 * inner,
    height: pageHeight - 2 * inner,
    borderColor: colors.gold,
    borderWidth: 0.8,
  });
  // A small diamond at each corner of the inner line.
  for (const [x, y] of [
    [inner, inner],
    [pageWidth - inner, inner],
    [inner, pageHeight - inner],
    [pageWidth - inner, pageHeight - inner],
  ] as const) {
    drawDiamond(page, x, y, 5, colors.green);
  }
}

function drawDiamond(page: PDFPage, x: number, y: number, radius: number, color: RGB) {
  page.drawSvgPath(`M 0 ${-radius} L ${radius} 0 L 0 ${radius} L ${-radius} 0 Z`, { x, y, color });
}

function drawOrnament(page: PDFPage, centerX: number, y: number) {
  const gap = 9;
  const length = 70;
  page.drawLine({ start: { x: centerX - gap - length, y }, end: { x: centerX - gap, y }, thickness: 0.6, color: colors.gold });
  page.drawLine({ start: { x: centerX + gap, y }, end: { x: centerX + gap + length, y }, thickness: 0.6, color: colors.gold });
  drawDiamond(page, centerX, y, 3.5, colors.gold);
}

/** The QR code as vector squares: sharp at any zoom or printer, and a few hundred bytes. */
function drawQr(page: PDFPage, value: string, x: number, top: number, size: number) {
  const qr = QRCode.create(value, { errorCorrectionLevel: "M" });
  const count = qr.modules.size;
  let path = "";
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      path += `M${start} ${row}h${col - start}v1h${start - col}z`;
    }
  }
  // drawSvgPath puts the path's origin at (x, y) with y growing downwards, as in SVG.
  page.drawSvgPath(path, { x, y: pageHeight - top, scale: size / count, color: colors.ink });
}

type FooterInput = {
  snapshot: CertificateSnapshot;
  url: URL;
  verifyUrl: string;
  shortCode: string;
  serial: string;
  issuerName: string;
  issued: string;
  say: Say;
  regular: PDFFont;
  semiBold: PDFFont;
  fromTop: (top: number) => number;
};

function drawFooter(page: PDFPage, f: FooterInput) {
  const small: Style = { font: f.regular, size: 8, color: colors.muted };
  const label: Style = { font: f.regular, size: 7.5, color: colors.muted, tracking: 0.5 };
  const value: Style = { font: f.semiBold, size: 10.5, color: colors.ink };

  // Left: the QR code, its short code, and where to verify by hand.
  const qrSize = 78;
  const qrCenter = 165;
  const qrTop = 448;
  drawQr(page, f.verifyUrl, qrCenter - qrSize / 2, qrTop, qrSize);
  drawCentered(page, drawable(f.shortCode, f.semiBold), { font: f.semiBold, size: 9.5, color: colors.ink, tracking: 1 }, qrCenter, f.fromTop(qrTop + qrSize + 17));
  const verifyLine = `${f.say(text.verifyAt)}: ${f.url.host}/verify — ${words.code} ${f.shortCode}`;
  const verify = fitText(drawable(verifyLine, f.regular), small, { maxWidth: 220, maxSize: 8, minSize: 6, maxLines: 2 });
  verify.lines.forEach((line, i) => drawCentered(page, line, { ...small, size: verify.size }, qrCenter, f.fromTop(qrTop + qrSize + 30 + i * verify.size * 1.3)));

  // Centre: serial number and dates.
  const rows: [string, string][] = [
    [f.say(text.serial), f.serial],
    [f.say(text.issuedAt), f.issued],
    [f.say(text.expiresAt), f.snapshot.expiresAt ? formatCertificateDate(f.snapshot.expiresAt) : words.noExpiry],
  ];
  let top = 462;
  for (const [name, shown] of rows) {
    drawCentered(page, drawable(name.toLocaleUpperCase("vi"), f.regular), label, pageWidth / 2, f.fromTop(top));
    const fitted = fitText(drawable(shown, f.semiBold), value, { maxWidth: 200, maxSize: 10.5, minSize: 7, maxLines: 1 });
    drawCentered(page, fitted.lines[0] ?? "", { ...value, size: fitted.size }, pageWidth / 2, f.fromTop(top + 14));
    top += 32;
  }

  // Right: a seal-like medallion above the issuer's name.
  const sealX = pageWidth - 170;
  drawMedallion(page, sealX, f.fromTop(470));
  page.drawLine({ start: { x: sealX - 110, y: f.fromTop(508) }, end: { x: sealX + 110, y: f.fromTop(508) }, thickness: 0.5, color: colors.gold });
  drawCentered(page, drawable(f.say(text.issuer).toLocaleUpperCase("vi"), f.regular), label, sealX, f.fromTop(521));
  const issuer = fitText(drawable(f.issuerName, f.semiBold), value, { maxWidth: 230, maxSize: 10.5, minSize: 7.5, maxLines: 2 });
  issuer.lines.forEach((line, i) => drawCentered(page, line, { ...value, size: issuer.size }, sealX, f.fromTop(535 + i * issuer.size * 1.25)));
  const online = fitText(f.say(text.issuedOnline), { ...small, size: 7 }, { maxWidth: 250, maxSize: 7, minSize: 5.5, maxLines: 1 });
  drawCentered(page, online.lines[0] ?? "", { ...small, size: online.size }, sealX, f.fromTop(535 + issuer.lines.length * issuer.size * 1.25 + 2));
}

/** Decorative, not a stamp: two rings and a check mark, in the theme colours. */
function drawMedallion(page: PDFPage, x: number, y: number) {
  page.drawCircle({ x, y, size: 26, borderColor: colors.gold, borderWidth: 1.2, color: colors.paper });
  page.drawCircle({ x, y, size: 22, borderColor: colors.green, borderWidth: 0.6, color: colors.paleGreen });
  page.drawSvgPath("M -9 0.5 L -3 6.5 L 9.5 -6.5", { x, y, borderColor: colors.green, borderWidth: 3, borderLineCap: LineCapStyle.Round });
}
