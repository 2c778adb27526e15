import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData, signedInRequest } from "../../setup/accounts";
import { currentUnit, findUnit, listCurrentUnits } from "~/models/org.server";
import { applyImport, decodeUpload, dryRun, getImport, parseDay } from "~/models/unit-import.server";
import { getUnit, searchUnits, setTargetHours } from "~/models/units.server";
import { getUser, type SessionUser } from "~/utils/auth.server";
import { db } from "~/utils/db.server";
import { projectRoot } from "~/utils/env.server";

const HEADER = "id,code,name,kind,parent,province,valid_from,valid_to,successor,target_hours";
const bytes = (text: string) => new TextEncoder().encode(text);
const file = (...lines: string[]) => bytes([HEADER, ...lines].join("\n"));

let admin: SessionUser;
let manager: SessionUser;

async function actor(role: "admin" | "manager", unitId?: string): Promise<SessionUser> {
  const { id } = await createUser({ role, unitId, learnerGroup: "official" });
  const user = await getUser((await signedInRequest(id)).request);
  if (!user) throw new Error("no session");
  return user;
}

beforeAll(async () => {
  await seedReferenceData();
  admin = await actor("admin");
  manager = await actor("manager", "46");
});

async function unitsSnapshot() {
  return db.unit.findMany({ orderBy: { id: "asc" } });
}

async function upload(content: Uint8Array, fileName = "don-vi.csv") {
  const result = await dryRun({ actor: admin, fileName, bytes: content });
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

describe("the dry run", () => {
  test("gives each rejected row its line and reason, accepts the rest, and writes nothing to the units", async () => {
    const before = await unitsSnapshot();
    const result = await upload(
      file(
        /* 2 */ "hue-xa-moi,,Xã Mới,commune,46,,2025-07-01,,,",
        /* 3 */ "Bad Id,,X,agency,46,,,,,",
        /* 4 */ "hue-xa-moi,,Xã Mới lần hai,commune,46,,,,,",
        /* 5 */ "hue-x1,123,Xã Sai Mã,commune,46,,,,,",
        /* 6 */ "hue-x2,19789,Phường Trùng Mã,commune,46,,,,,",
        /* 7 */ "hue-x3,00001,Xã A,commune,46,,,,,",
        /* 8 */ "hue-x4,00001,Xã B,commune,46,,,,,",
        /* 9 */ "hue-x5,,Cơ quan,agency,khong-co-that,,,,,",
        /* 10 */ "hue-x6,,Tổ không thuộc xã,team,46,,,,,",
        /* 11 */ "hue-x7,,Ngày sai,agency,46,,31/02/2025,,,",
        /* 12 */ "hue-x8,,Ngược ngày,agency,46,,2025-07-01,2025-06-30,,",
        /* 13 */ "hue-x9,,Kế thừa lạ,agency,46,,,2026-01-01,khong-co-that,",
        /* 14 */ "hue-vong-a,,Vòng A,agency,hue-vong-b,,,,,",
        /* 15 */ "hue-vong-b,,Vòng B,agency,hue-vong-a,,,,,",
        /* 16 */ "lao-cai-xa-bac-ha,02839,Xã Bắc Hà,commune,15,,,2026-01-01,,",
        /* 17 */ "hue-x10,,Giờ âm,agency,46,,,,,-5",
        /* 18 */ "hue-x11,,Tỉnh lạ,agency,,99,,,,",
        /* 19 */ "hue-con,,Con đứng trước cha,agency,hue-cha,,,,,",
        /* 20 */ "hue-cha,,Cha đứng sau con,agency,46,,,,,",
        /* 21 */ "hue-x12,,Loại lạ,village,46,,,,,",
        /* 22 */ "hue-x13,thiếu ô",
        /* 23 */ "hue-x14,,Con của dòng bị từ chối,agency,hue-x1,,,,,",
        /* 24 */ "hue-x15,,Kế thừa không hết hạn,agency,46,,,,hue,",
      ),
    );
    const reasons = Object.fromEntries(result.report.rejected.map((r) => [r.line, r.message]));
    expect(reasons).toEqual({
      3: "units.import.badId",
      4: 'units.import.duplicateId|{"line":2}',
      5: "units.import.badCommuneCode",
      6: 'units.import.codeTaken|{"code":"19789"}',
      8: 'units.import.duplicateCode|{"line":7}',
      9: 'units.import.unknownParent|{"parent":"khong-co-that"}',
      10: "units.import.kindNotAllowed",
      11: "units.import.badDate",
      12: "units.import.endsBeforeStart",
      13: 'units.import.unknownSuccessor|{"successor":"khong-co-that"}',
      14: "units.import.cycle",
      15: "units.import.cycle",
      16: "units.import.endedWithChildren",
      17: 'units.import.badTargetHours|{"max":2000}',
      18: 'units.import.unknownProvince|{"province":"99"}',
      21: "units.import.badKind",
      22: "units.import.fieldCount",
      23: 'units.import.unknownParent|{"parent":"hue-x1"}',
      24: "units.import.successorWithoutEnd",
    });
    expect(result.report.counts).toMatchObject({ added: 4, rejected: 19 });
    expect(result.report.entries.map((e) => [e.line, e.id, e.changes])).toEqual([
      [2, "hue-xa-moi", ["added"]],
      [7, "hue-x3", ["added"]],
      [19, "hue-con", ["added"]],
      [20, "hue-cha", ["added"]],
    ]);
    expect(await unitsSnapshot()).toEqual(before);
    const stored = await getImport({ actor: admin, importId: result.importId });
    expect(stored).toMatchObject({ fileName: "don-vi.csv", appliedAt: null, report: result.report });
  });

  test("the example file of docs/units-csv.md checks clean against the shipped units", async () => {
    const result = await upload(new Uint8Array(fs.readFileSync(path.join(projectRoot, "docs/units-example.csv"))), "units-example.csv");
    expect(result.report.rejected).toEqual([]);
    expect(result.report.counts).toEqual({ added: 3, renamed: 0, moved: 0, ended: 1, changed: 1, unchanged: 5, rejected: 0 });
  });

  test("reports renames, moves, merges and unchanged rows against the units here", async () => {
    const result = await upload(
      file(
        "hue-phuong-kim-long,19774,Phường Kim Long,commune,46,,2025-07-01,,,",
        "hue-so-gddt,,Sở Giáo dục và Đào tạo Huế,agency,hue,,,,,",
        "hue-so-noi-vu,,Sở Nội vụ thành phố Huế,agency,46,,,,,",
        "hue-phuong-an-cuu,19815,Phường An Cựu,commune,46,,2025-07-01,2026-01-01,hue-phuong-thuan-hoa,",
      ),
    );
    expect(result.report.counts).toEqual({ added: 0, renamed: 1, moved: 1, ended: 1, changed: 0, unchanged: 1, rejected: 0 });
    expect(result.report.entries.find((e) => e.id === "hue-so-noi-vu")).toMatchObject({ before: { parent: "hue", parentName: "Ủy ban nhân dân thành phố Huế" }, after: { parent: "46", parentName: "Thành phố Huế" } });
    expect(result.report.entries.find((e) => e.id === "hue-phuong-an-cuu")).toMatchObject({ after: { validTo: "2026-01-01", successor: "hue-phuong-thuan-hoa", successorName: "Phường Thuận Hóa" } });
  });

  test("Vietnamese column names and kinds, in another order, with a byte order mark", async () => {
    const text = "\uFEFFTên,Mã định danh,Loại,Cấp trên,Mã số\r\nTổ công nghệ số cộng đồng phường Vỹ Dạ,hue-phuong-vy-da-to-cns,Tổ,hue-phuong-vy-da,\r\n";
    const result = await upload(bytes(text));
    expect(result.report.rejected).toEqual([]);
    expect(result.report.entries).toMatchObject([{ line: 2, id: "hue-phuong-vy-da-to-cns", name: "Tổ công nghệ số cộng đồng phường Vỹ Dạ", changes: ["added"] }]);
    // Empty columns a spreadsheet adds at the end are ignored.
    const trailing = await upload(bytes("id,name,kind,parent,,\nhue-trailing,Cơ quan thử,agency,46,,\n"));
    expect(trailing.report.counts).toMatchObject({ added: 1, rejected: 0 });
  });

  test("a file that is not a unit list is refused whole and stored nowhere", async () => {
    const count = await db.unitImport.count();
    const refusal = async (content: Uint8Array) => {
      const result = await dryRun({ actor: admin, fileName: "x.csv", bytes: content });
      return result.ok ? "accepted" : result.message.split("|")[0];
    };
    expect(await refusal(new Uint8Array([0x69, 0x64, 0xff, 0xfe]))).toBe("units.import.notUtf8");
    expect(await refusal(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]))).toBe("units.import.notCsv");
    expect(await refusal(bytes(""))).toBe("units.import.empty");
    expect(await refusal(bytes("ten,dia chi\nA,B"))).toBe("units.import.badHeader");
    expect(await refusal(bytes("id,name,kind,id\nx,X,agency,y"))).toBe("units.import.badHeader");
    expect(await refusal(bytes(HEADER))).toBe("units.import.noRows");
    expect(await refusal(bytes(`${HEADER}\n"x,X,agency`))).toBe("units.import.csvBroken");
    expect(await refusal(new Uint8Array(5 * 1024 * 1024 + 1).fill(0x61))).toBe("units.import.tooLarge");
    expect(await db.unitImport.count()).toBe(count);
    expect(decodeUpload(bytes("\uFEFFid"))).toEqual({ ok: true, text: "id" });
  });

  test("dates: ISO or dd/mm/yyyy, the start of that day in Vietnam; anything else is not a date", () => {
    expect(parseDay("2025-07-01")?.toISOString()).toBe("2025-06-30T17:00:00.000Z");
    expect(parseDay("1/7/2025")?.toISOString()).toBe("2025-06-30T17:00:00.000Z");
    for (const bad of ["2025-02-30", "31/02/2025", "2025-7-1", "hôm nay", "2025-13-01", ""]) expect(parseDay(bad)).toBeUndefined();
  });
});

describe("applying a stored upload", () => {
  test("a merge ends the unit with its successor; a move takes the subtree's paths with it; the audit log says what came of which file", async () => {
    const { importId } = await upload(
      file(
        "hue-phuong-huong-thuy,19975,Phường Hương Thủy,commune,46,,2025-07-01,2026-01-01,hue-phuong-phu-xuan,",
        "hue-khoi-dang,,Khối cơ quan thành phố Huế,agency,46,,,,,",
        "hue,,Ủy ban nhân dân thành phố Huế (mới),agency,hue-khoi-dang,,,,,40",
      ),
      "sap-nhap.csv",
    );
    const result = await applyImport({ actor: admin, importId, skipRejected: false });
    expect(result).toMatchObject({ ok: true });
    expect(await db.unit.findUnique({ where: { id: "hue-phuong-huong-thuy" } })).toMatchObject({
      successorId: "hue-phuong-phu-xuan",
      validTo: new Date("2025-12-31T17:00:00.000Z"),
    });
    expect((await currentUnit("hue-phuong-huong-thuy"))?.id).toBe("hue-phuong-phu-xuan");
    expect((await listCurrentUnits()).some((u) => u.id === "hue-phuong-huong-thuy")).toBe(false);
    const moved = await db.unit.findMany({ where: { path: { startsWith: "/46/hue-khoi-dang/" } }, orderBy: { path: "asc" }, select: { id: true, path: true } });
    expect(moved.map((u) => u.path)).toEqual([
      "/46/hue-khoi-dang/",
      "/46/hue-khoi-dang/hue/",
      "/46/hue-khoi-dang/hue/hue-so-gddt/",
      "/46/hue-khoi-dang/hue/hue-so-khcn/",
      "/46/hue-khoi-dang/hue/hue-so-noi-vu/",
    ]);
    expect(await findUnit("hue-so-khcn")).toMatchObject({ path: "/46/hue-khoi-dang/hue/hue-so-khcn/", depth: 3 });
    expect(await db.unit.findUnique({ where: { id: "hue" } })).toMatchObject({ name: "Ủy ban nhân dân thành phố Huế (mới)", searchKey: "uy ban nhan dan thanh pho hue (moi)", targetHours: 40 });
    const events = await db.auditEvent.findMany({ where: { action: "unit.imported" } });
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ fileName: "sap-nhap.csv", importId, added: 1, renamed: 1, moved: 1, ended: 1, rejected: 0, skipped: 0 });
  });

  test("the same stored upload applied twice is applied once", async () => {
    const { importId } = await upload(file("hue-phuong-an-cuu-to-cns,,Tổ công nghệ số cộng đồng phường An Cựu,team,hue-phuong-an-cuu,,,,,"));
    const events = await db.auditEvent.count({ where: { action: "unit.imported" } });
    expect(await applyImport({ actor: admin, importId, skipRejected: false })).toMatchObject({ ok: true });
    const after = await unitsSnapshot();
    expect(await applyImport({ actor: admin, importId, skipRejected: false })).toMatchObject({ ok: false, status: 409, message: "units.import.alreadyApplied" });
    expect(await applyImport({ actor: admin, importId, skipRejected: true })).toMatchObject({ ok: false, status: 409 });
    expect(await unitsSnapshot()).toEqual(after);
    expect(await db.auditEvent.count({ where: { action: "unit.imported" } })).toBe(events + 1);
  });

  test("with a rejected row nothing is written unless the admin skips the rejected rows", async () => {
    const { importId } = await upload(file("hue-moi-mot,,Cơ quan mới một,agency,46,,,,,", "hue-moi-hai,,Cơ quan mới hai,agency,khong-co-that,,,,,"));
    const before = await unitsSnapshot();
    expect(await applyImport({ actor: admin, importId, skipRejected: false })).toMatchObject({ ok: false, status: 409, message: 'units.import.hasRejected|{"count":1}' });
    expect(await unitsSnapshot()).toEqual(before);
    expect((await getImport({ actor: admin, importId }))?.appliedAt).toBeNull();
    expect(await applyImport({ actor: admin, importId, skipRejected: true })).toMatchObject({ ok: true });
    expect(await db.unit.findUnique({ where: { id: "hue-moi-mot" } })).toMatchObject({ path: "/46/hue-moi-mot/", provinceCode: "46" });
    expect(await db.unit.findUnique({ where: { id: "hue-moi-hai" } })).toBeNull();
  });

  test("checked again when applied: a unit that came in meanwhile with the same code makes the row rejected", async () => {
    const { importId } = await upload(file("hue-xa-tre,19999,Xã Trễ,commune,46,,,,,"));
    await upload(file("hue-xa-som,19999,Xã Sớm,commune,46,,,,,")).then((r) => applyImport({ actor: admin, importId: r.importId, skipRejected: false }));
    expect(await applyImport({ actor: admin, importId, skipRejected: false })).toMatchObject({ ok: false, message: 'units.import.hasRejected|{"count":1}' });
    // The stored report now says why.
    expect((await getImport({ actor: admin, importId }))?.report.rejected).toEqual([{ line: 2, id: "hue-xa-tre", message: 'units.import.codeTaken|{"code":"19999"}' }]);
  });

  test("a list the size of the country's: 3,321 communes, each with its people's committee listed before it, in one import", { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    for (let i = 0; i < 3321; i++) lines.push(`lon-${i}-ubnd,,Ủy ban nhân dân xã Lớn ${i},agency,lon-${i},,,,,`);
    for (let i = 0; i < 3321; i++) lines.push(`lon-${i},${40000 + i},Xã Lớn ${i},commune,${i % 2 ? "46" : "15"},,2025-07-01,,,`);
    const { importId, report } = await upload(file(...lines), "ca-nuoc.csv");
    expect(report.counts).toMatchObject({ added: 6642, rejected: 0 });
    expect(await applyImport({ actor: admin, importId, skipRejected: false })).toMatchObject({ ok: true });
    expect(await db.unit.findUnique({ where: { id: "lon-3320-ubnd" } })).toMatchObject({ path: "/15/lon-3320/lon-3320-ubnd/", provinceCode: "15" });
    expect(await db.unit.count({ where: { path: { startsWith: "/15/lon-" } } })).toBe(3322);
  });

  test("an import id that does not exist is a 404", async () => {
    await expect(applyImport({ actor: admin, importId: "khongcothat", skipRejected: true })).rejects.toMatchObject({ status: 404 });
    await expect(applyImport({ actor: admin, importId: "../x", skipRejected: true })).rejects.toMatchObject({ status: 404 });
  });
});

describe("admins only", () => {
  test("a manager gets 403 from every unit function", async () => {
    const { importId } = await upload(file("hue-cam,,Cấm,agency,46,,,,,"));
    for (const call of [
      () => dryRun({ actor: manager, fileName: "x.csv", bytes: file("hue-cam-2,,Cấm,agency,46,,,,,") }),
      () => applyImport({ actor: manager, importId, skipRejected: true }),
      () => getImport({ actor: manager, importId }),
      () => searchUnits({ actor: manager }),
      () => getUnit({ actor: manager, unitId: "46" }),
      () => setTargetHours({ actor: manager, unitId: "46", targetHours: 1 }),
    ]) {
      await expect(call()).rejects.toMatchObject({ status: 403 });
    }
    expect(await db.unit.findUnique({ where: { id: "hue-cam" } })).toBeNull();
  });
});

describe("the unit pages' model", () => {
  test("search ignores diacritics, finds codes, and filters by province and kind", async () => {
    const byName = await searchUnits({ actor: admin, query: "thuan hoa" });
    expect(byName.units.map((u) => u.id)).toContain("hue-phuong-thuan-hoa");
    expect((await searchUnits({ actor: admin, query: "19789" })).units.map((u) => u.id)).toEqual(["hue-phuong-thuan-hoa"]);
    const communes = await searchUnits({ actor: admin, provinceCode: "15", kind: "commune" });
    expect(communes.units.length).toBeGreaterThan(3);
    expect(communes.units.every((u) => u.provinceCode === "15" && u.kind === "commune")).toBe(true);
    expect(communes.units.find((u) => u.id === "lao-cai-xa-bac-ha")?.ancestors).toEqual([{ id: "15", name: "Tỉnh Lào Cai" }]);
  });

  test("the target hours: set, audited with names, inherited, cleared", async () => {
    await setTargetHours({ actor: admin, unitId: "lao-cai-so-khcn", targetHours: 50 });
    expect(await getUnit({ actor: admin, unitId: "lao-cai-so-khcn" })).toMatchObject({ targetHours: 50 });
    const event = await db.auditEvent.findFirst({ where: { action: "unit.changed", subjectId: "lao-cai-so-khcn" }, orderBy: { id: "desc" } });
    expect(JSON.parse(event!.details)).toEqual({ unit: "Sở Khoa học và Công nghệ tỉnh Lào Cai", change: "targetHours", before: { targetHours: null }, after: { targetHours: 50 } });
    await setTargetHours({ actor: admin, unitId: "lao-cai-so-khcn", targetHours: null });
    expect(await getUnit({ actor: admin, unitId: "lao-cai-so-khcn" })).toMatchObject({ targetHours: null, inheritedTarget: { hours: 30, from: "Tỉnh Lào Cai" } });
    await expect(setTargetHours({ actor: admin, unitId: "khong-co-that", targetHours: 1 })).rejects.toMatchObject({ status: 404 });
  });
});
