/**
 * Example administrative units and agencies, after the 2025 reorganisation
 * (two-level local government; departments merged). Enough for officials to
 * pick a unit and for a manager's scope to have a subtree; the organisations
 * work lets admins maintain the real list.
 */
export type UnitSeed = { id: string; name: string; parentId: string | null; provinceCode: string };

export const units: UnitSeed[] = [
  { id: "hue", name: "Ủy ban nhân dân thành phố Huế", parentId: null, provinceCode: "46" },
  { id: "hue-so-khcn", name: "Sở Khoa học và Công nghệ thành phố Huế", parentId: "hue", provinceCode: "46" },
  { id: "hue-so-noi-vu", name: "Sở Nội vụ thành phố Huế", parentId: "hue", provinceCode: "46" },
  { id: "hue-phuong-thuan-hoa", name: "Ủy ban nhân dân phường Thuận Hóa", parentId: "hue", provinceCode: "46" },
  { id: "lao-cai", name: "Ủy ban nhân dân tỉnh Lào Cai", parentId: null, provinceCode: "15" },
  { id: "lao-cai-so-khcn", name: "Sở Khoa học và Công nghệ tỉnh Lào Cai", parentId: "lao-cai", provinceCode: "15" },
  { id: "lao-cai-xa-bac-ha", name: "Ủy ban nhân dân xã Bắc Hà", parentId: "lao-cai", provinceCode: "15" },
];

/** "/hue/hue-so-khcn/": the ids from the root down, for subtree queries. */
export function unitPath(id: string, all: UnitSeed[] = units): string {
  const parts: string[] = [];
  let current = all.find((u) => u.id === id);
  while (current) {
    parts.unshift(current.id);
    current = current.parentId ? all.find((u) => u.id === current?.parentId) : undefined;
  }
  return `/${parts.join("/")}/`;
}
