/**
 * The 34 provincial-level units in force from 1 July 2025 (Resolution
 * 202/2025/QH15), with their official two-digit codes (Decision
 * 19/2025/QĐ-TTg). A code is never reused: when units change again, add
 * rows or rename, never renumber.
 */
export const provinces: ReadonlyArray<{ code: string; name: string; kind: "city" | "province" }> = [
  { code: "01", name: "Hà Nội", kind: "city" },
  { code: "04", name: "Cao Bằng", kind: "province" },
  { code: "08", name: "Tuyên Quang", kind: "province" },
  { code: "11", name: "Điện Biên", kind: "province" },
  { code: "12", name: "Lai Châu", kind: "province" },
  { code: "14", name: "Sơn La", kind: "province" },
  { code: "15", name: "Lào Cai", kind: "province" },
  { code: "19", name: "Thái Nguyên", kind: "province" },
  { code: "20", name: "Lạng Sơn", kind: "province" },
  { code: "22", name: "Quảng Ninh", kind: "province" },
  { code: "24", name: "Bắc Ninh", kind: "province" },
  { code: "25", name: "Phú Thọ", kind: "province" },
  { code: "31", name: "Hải Phòng", kind: "city" },
  { code: "33", name: "Hưng Yên", kind: "province" },
  { code: "37", name: "Ninh Bình", kind: "province" },
  { code: "38", name: "Thanh Hóa", kind: "province" },
  { code: "40", name: "Nghệ An", kind: "province" },
  { code: "42", name: "Hà Tĩnh", kind: "province" },
  { code: "44", name: "Quảng Trị", kind: "province" },
  { code: "46", name: "Huế", kind: "city" },
  { code: "48", name: "Đà Nẵng", kind: "city" },
  { code: "51", name: "Quảng Ngãi", kind: "province" },
  { code: "52", name: "Gia Lai", kind: "province" },
  { code: "56", name: "Khánh Hòa", kind: "province" },
  { code: "66", name: "Đắk Lắk", kind: "province" },
  { code: "68", name: "Lâm Đồng", kind: "province" },
  { code: "75", name: "Đồng Nai", kind: "province" },
  { code: "79", name: "Hồ Chí Minh", kind: "city" },
  { code: "80", name: "Tây Ninh", kind: "province" },
  { code: "82", name: "Đồng Tháp", kind: "province" },
  { code: "86", name: "Vĩnh Long", kind: "province" },
  { code: "91", name: "An Giang", kind: "province" },
  { code: "92", name: "Cần Thơ", kind: "city" },
  { code: "96", name: "Cà Mau", kind: "province" },
];
