/**
 * One demo account per role, so a first-time visitor can see every part of
 * Học Số. Listed in the README. Created only when asked for (`npm run demo`,
 * or DEMO_ACCOUNTS=on); otherwise the seed disables any left over, since
 * their password is public.
 */
export const DEMO_PASSWORD = "hoc-so-demo-2026";

export type DemoAccount = {
  email?: string;
  phone?: string;
  fullName: string;
  role: "learner" | "trainer" | "manager" | "admin";
  learnerGroup: "resident" | "official";
  provinceCode: string;
  commune?: string;
  unitId?: string;
  position?: string;
  managedUnitId?: string;
};

export const demoAccounts: DemoAccount[] = [
  { phone: "+84912345678", fullName: "Nguyễn Thị Lan", role: "learner", learnerGroup: "resident", provinceCode: "15", commune: "Xã Bắc Hà" },
  {
    email: "canbo@demo.hocso.vn",
    fullName: "Trần Văn Minh",
    role: "learner",
    learnerGroup: "official",
    provinceCode: "46",
    unitId: "hue-so-khcn",
    position: "Chuyên viên",
  },
  { email: "giangvien@demo.hocso.vn", fullName: "Lê Thu Hà", role: "trainer", learnerGroup: "official", provinceCode: "01", position: "Giảng viên" },
  {
    email: "quanly@demo.hocso.vn",
    fullName: "Phạm Quốc Dũng",
    role: "manager",
    learnerGroup: "official",
    provinceCode: "46",
    unitId: "hue",
    position: "Trưởng phòng",
    // The province's unit: its scope is every agency, commune and team of Huế.
    managedUnitId: "46",
  },
  { email: "quantri@demo.hocso.vn", fullName: "Hoàng Minh Anh", role: "admin", learnerGroup: "official", provinceCode: "01", position: "Quản trị hệ thống" },
];
