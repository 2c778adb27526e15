/**
 * Units shipped as reference data, after the 2025 reorganisation (two-level
 * local government from 1 July 2025; departments merged):
 *
 * - the 34 provinces and cities (kind "province", id and code = their official
 *   two-digit code), the roots of the tree;
 * - a sample below Hà Nội (01), Lào Cai (15) and Huế (46): the people's
 *   committee with some of its departments, some communes and wards, and a
 *   community digital-technology team under a few of them;
 * - a few ministries, as roots of their own.
 *
 * Commune and ward codes are those of the list of 3,321 commune-level units
 * (Decision 19/2025/QĐ-TTg, as published by the Statistics Office with its
 * letter 1027/CTK-CSCL of 25 June 2025), each checked against a copy of that
 * list. None is invented: a unit whose code we could not confirm would carry
 * `code: null` (agencies and teams have no code in that list).
 *
 * The full list is imported by an admin from a CSV file (docs/units-csv.md);
 * after the first run the seed only adds what is missing (prisma/seed.ts).
 */
import { provinces } from "./provinces";

export type UnitKind = "province" | "commune" | "agency" | "team";
export type UnitSeed = {
  id: string;
  code: string | null;
  name: string;
  kind: UnitKind;
  parentId: string | null;
  provinceCode: string | null;
  /** In force from; communes and provinces of the reorganisation from 1 July 2025. */
  validFrom?: string;
  targetHours?: number;
};

const REORGANISED = "2025-07-01";

/**
 * A sample yearly target for officials of the three sample provinces: 30
 * hours, which is 40 periods of 45 minutes (one week of refresher training a
 * year). Only a starting point for a demonstration: each province's admin
 * sets its own on /admin/units/<id> or in the CSV; the other 31 have none
 * until then, and reports show no target rather than a guessed one.
 */
const SAMPLE_TARGET_HOURS = 30;
const sampled = new Set(["01", "15", "46"]);

const provinceUnits: UnitSeed[] = provinces.map((p) => ({
  id: p.code,
  code: p.code,
  name: `${p.kind === "city" ? "Thành phố" : "Tỉnh"} ${p.name}`,
  kind: "province",
  parentId: null,
  provinceCode: p.code,
  validFrom: REORGANISED,
  ...(sampled.has(p.code) ? { targetHours: SAMPLE_TARGET_HOURS } : {}),
}));

const commune = (provinceCode: string, id: string, code: string, name: string): UnitSeed => ({
  id,
  code,
  name,
  kind: "commune",
  parentId: provinceCode,
  provinceCode,
  validFrom: REORGANISED,
});
const agency = (provinceCode: string | null, id: string, name: string, parentId: string | null): UnitSeed => ({
  id,
  code: null,
  name,
  kind: "agency",
  parentId,
  provinceCode,
});
const team = (provinceCode: string, id: string, name: string, parentId: string): UnitSeed => ({
  id,
  code: null,
  name,
  kind: "team",
  parentId,
  provinceCode,
});

const sample: UnitSeed[] = [
  // Huế (46). "hue", "hue-so-khcn", "hue-so-noi-vu" and "hue-phuong-thuan-hoa"
  // are ids accounts already point at: kept, and placed under the province.
  agency("46", "hue", "Ủy ban nhân dân thành phố Huế", "46"),
  // Departments are specialised agencies of the people's committee, so they sit under it.
  agency("46", "hue-so-khcn", "Sở Khoa học và Công nghệ thành phố Huế", "hue"),
  agency("46", "hue-so-noi-vu", "Sở Nội vụ thành phố Huế", "hue"),
  agency("46", "hue-so-gddt", "Sở Giáo dục và Đào tạo thành phố Huế", "hue"),
  commune("46", "hue-phuong-thuan-hoa", "19789", "Phường Thuận Hóa"),
  agency("46", "hue-phuong-thuan-hoa-ubnd", "Ủy ban nhân dân phường Thuận Hóa", "hue-phuong-thuan-hoa"),
  team("46", "hue-phuong-thuan-hoa-to-cns", "Tổ công nghệ số cộng đồng phường Thuận Hóa", "hue-phuong-thuan-hoa"),
  commune("46", "hue-phuong-phu-xuan", "19753", "Phường Phú Xuân"),
  team("46", "hue-phuong-phu-xuan-to-cns", "Tổ công nghệ số cộng đồng phường Phú Xuân", "hue-phuong-phu-xuan"),
  commune("46", "hue-phuong-vy-da", "19777", "Phường Vỹ Dạ"),
  commune("46", "hue-phuong-kim-long", "19774", "Phường Kim Long"),
  commune("46", "hue-phuong-an-cuu", "19815", "Phường An Cựu"),
  commune("46", "hue-phuong-huong-thuy", "19975", "Phường Hương Thủy"),
  commune("46", "hue-xa-quang-dien", "19867", "Xã Quảng Điền"),
  commune("46", "hue-xa-phu-vinh", "19945", "Xã Phú Vinh"),
  team("46", "hue-xa-phu-vinh-to-cns", "Tổ công nghệ số cộng đồng xã Phú Vinh", "hue-xa-phu-vinh"),

  // Lào Cai (15).
  agency("15", "lao-cai", "Ủy ban nhân dân tỉnh Lào Cai", "15"),
  agency("15", "lao-cai-so-khcn", "Sở Khoa học và Công nghệ tỉnh Lào Cai", "lao-cai"),
  agency("15", "lao-cai-so-noi-vu", "Sở Nội vụ tỉnh Lào Cai", "lao-cai"),
  commune("15", "lao-cai-xa-bac-ha", "02839", "Xã Bắc Hà"),
  agency("15", "lao-cai-xa-bac-ha-ubnd", "Ủy ban nhân dân xã Bắc Hà", "lao-cai-xa-bac-ha"),
  team("15", "lao-cai-xa-bac-ha-to-cns", "Tổ công nghệ số cộng đồng xã Bắc Hà", "lao-cai-xa-bac-ha"),
  commune("15", "lao-cai-phuong-lao-cai", "02647", "Phường Lào Cai"),
  commune("15", "lao-cai-phuong-cam-duong", "02671", "Phường Cam Đường"),
  commune("15", "lao-cai-phuong-sa-pa", "03006", "Phường Sa Pa"),
  team("15", "lao-cai-phuong-sa-pa-to-cns", "Tổ công nghệ số cộng đồng phường Sa Pa", "lao-cai-phuong-sa-pa"),
  commune("15", "lao-cai-phuong-yen-bai", "04252", "Phường Yên Bái"),
  commune("15", "lao-cai-xa-bat-xat", "02683", "Xã Bát Xát"),

  // Hà Nội (01).
  agency("01", "ha-noi", "Ủy ban nhân dân thành phố Hà Nội", "01"),
  agency("01", "ha-noi-so-khcn", "Sở Khoa học và Công nghệ thành phố Hà Nội", "ha-noi"),
  agency("01", "ha-noi-so-noi-vu", "Sở Nội vụ thành phố Hà Nội", "ha-noi"),
  commune("01", "ha-noi-phuong-hoan-kiem", "00070", "Phường Hoàn Kiếm"),
  team("01", "ha-noi-phuong-hoan-kiem-to-cns", "Tổ công nghệ số cộng đồng phường Hoàn Kiếm", "ha-noi-phuong-hoan-kiem"),
  commune("01", "ha-noi-phuong-ba-dinh", "00004", "Phường Ba Đình"),
  commune("01", "ha-noi-phuong-cua-nam", "00082", "Phường Cửa Nam"),
  commune("01", "ha-noi-phuong-cau-giay", "00166", "Phường Cầu Giấy"),
  commune("01", "ha-noi-phuong-ha-dong", "09556", "Phường Hà Đông"),
  commune("01", "ha-noi-xa-soc-son", "00376", "Xã Sóc Sơn"),
  commune("01", "ha-noi-xa-ba-vi", "09700", "Xã Ba Vì"),

  // Ministries: roots of their own, in no province.
  agency(null, "bo-khcn", "Bộ Khoa học và Công nghệ", null),
  agency(null, "bo-noi-vu", "Bộ Nội vụ", null),
  agency(null, "bo-gddt", "Bộ Giáo dục và Đào tạo", null),
];

export const units: UnitSeed[] = [...provinceUnits, ...sample];

/** "/46/hue/hue-so-khcn/": the ids from the root down, for subtree queries. */
export function unitPath(id: string, all: UnitSeed[] = units): string {
  const byId = new Map(all.map((u) => [u.id, u]));
  const parts: string[] = [];
  for (let current = byId.get(id); current; current = current.parentId ? byId.get(current.parentId) : undefined) {
    parts.unshift(current.id);
  }
  return `/${parts.join("/")}/`;
}
