import crypto from "node:crypto";
import { beforeAll, describe, expect, test } from "vitest";
import { seedReferenceData } from "../../setup/accounts";
import { communeGroupKey, defaultMonths, residentStatistics, showCell, Tally, teamResidents } from "~/models/community.server";
import { loadCourses } from "~/models/course.server";
import { forgetReferenceData } from "~/models/org.server";
import { db } from "~/utils/db.server";

const COURSE = "thanh-toan-truc-tuyen";
const OTHER = "dung-dien-thoai-an-toan";
const MONTHS = { from: "2026-01", to: "2026-12" };

/** A tree of our own, in two provinces the demo accounts do not use, so nothing else is counted. */
const tree = [
  { id: "t-cb", kind: "province", parentId: null, provinceCode: "04", name: "Tỉnh Cao Bằng (thử)" },
  { id: "t-cb-xa-a", kind: "commune", parentId: "t-cb", provinceCode: "04", name: "Xã Hòa An (thử)" },
  { id: "t-cb-xa-a-to1", kind: "team", parentId: "t-cb-xa-a", provinceCode: "04", name: "Tổ công nghệ số xóm 1" },
  { id: "t-cb-xa-a-to2", kind: "team", parentId: "t-cb-xa-a", provinceCode: "04", name: "Tổ công nghệ số xóm 2" },
  { id: "t-cb-xa-b", kind: "commune", parentId: "t-cb", provinceCode: "04", name: "Xã Quảng Uyên (thử)" },
  { id: "t-cb-xa-b-to", kind: "team", parentId: "t-cb-xa-b", provinceCode: "04", name: "Tổ công nghệ số Quảng Uyên" },
  { id: "t-db", kind: "province", parentId: null, provinceCode: "11", name: "Tỉnh Điện Biên (thử)" },
  { id: "t-db-xa", kind: "commune", parentId: "t-db", provinceCode: "11", name: "Xã Mường Phăng (thử)" },
  { id: "t-db-xa-to", kind: "team", parentId: "t-db-xa", provinceCode: "11", name: "Tổ công nghệ số Mường Phăng" },
] as const;

function pathOf(id: string): string {
  const unit = tree.find((u) => u.id === id)!;
  return `${unit.parentId ? pathOf(unit.parentId) : "/"}${id}/`;
}

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
  for (const u of tree) await db.unit.create({ data: { ...u, path: pathOf(u.id) } });
  forgetReferenceData();
});

type Person = {
  name?: string;
  group?: "resident" | "official";
  unitId?: string | null;
  provinceCode?: string | null;
  commune?: string | null;
  statistics?: boolean;
  share?: boolean;
  role?: "manager" | "admin";
  managedUnitId?: string;
};

async function person({ name = "Người Dân Thử", group = "resident", unitId = null, provinceCode = "04", commune = null, statistics = true, share = false, role, managedUnitId }: Person = {}) {
  const user = await db.user.create({
    data: {
      fullName: name,
      learnerGroup: group,
      passwordHash: "không dùng để đăng nhập",
      searchKey: name,
      provinceCode,
      commune,
      unitId,
      role: role ?? "learner",
      managedUnitId: managedUnitId ?? null,
      consents: {
        create: [
          { purpose: "learning-records", granted: true },
          { purpose: "share-with-unit", granted: share },
          { purpose: "statistics", granted: statistics },
        ],
      },
    },
  });
  return { id: user.id, role: role ?? ("learner" as const), managedUnitId: user.managedUnitId };
}

async function enrol(userId: string, { course = COURSE, at = "2026-03-10T03:00:00Z", completed, certified }: { course?: string; at?: string; completed?: string; certified?: string } = {}) {
  await db.enrollment.create({ data: { userId, courseSlug: course, courseVersion: 1, lessonsAtStart: "[]", enrolledAt: new Date(at), completedAt: completed ? new Date(completed) : null } });
  if (certified) {
    const code = crypto.randomBytes(8).toString("hex");
    await db.certificate.create({ data: { publicId: code, shortCode: code.slice(0, 10), serial: `HS-T-${code}`, userId, courseSlug: course, snapshot: "{}", issuedAt: new Date(certified) } });
  }
}

const admin = () => person({ role: "admin", group: "official", statistics: false });
const manager = (unitId: string) => person({ role: "manager", group: "official", managedUnitId: unitId, statistics: false, unitId });

describe("pure rules", () => {
  test("a count of 1 to 4 is hidden; 0 and 5 or more are shown", () => {
    expect([0, 1, 4, 5, 12].map(showCell)).toEqual([{ exact: 0 }, { fewerThan: 5 }, { fewerThan: 5 }, { exact: 5 }, { exact: 12 }]);
  });

  test("a sum is exact only when none of its cells is hidden; otherwise the least it can be", () => {
    expect(new Tally().add(5).add(0).add(7).shown()).toEqual({ exact: 12 });
    // 5 + 3: showing 8 would give the 3 away by subtraction.
    expect(new Tally().add(5).add(3).shown()).toEqual({ atLeast: 6 });
    expect(new Tally().add(2).add(2).add(1).shown()).toEqual({ atLeast: 3 });
    expect(new Tally().add(6).merge(new Tally().add(1)).shown()).toEqual({ atLeast: 7 });
    // Nothing but one hidden cell is that cell.
    expect(new Tally().add(0).add(3).shown()).toEqual({ fewerThan: 5 });
  });

  test("typed communes group whatever the case, accents, spaces or the word before the name", () => {
    const nfd = "Xã Đông Khê".normalize("NFD");
    expect(new Set(["Xã Đông Khê", "xa dong khe", "  Đông   Khê ", nfd, "XÃ ĐÔNG KHÊ"].map(communeGroupKey))).toEqual(new Set(["dong khe"]));
    expect(communeGroupKey("Phường Thuận Hóa")).toBe(communeGroupKey("thuan hoa"));
  });

  test("the default months are the last twelve, this one included, by Vietnam's calendar", () => {
    // 17:30 UTC on 31 December is already 1 January in Vietnam.
    expect(defaultMonths(new Date("2026-12-31T17:30:00Z"))).toEqual({ from: "2026-02", to: "2027-01" });
  });
});

describe("resident statistics", () => {
  test("only residents who consented to statistics are counted; officials never", async () => {
    const counted = await person({ unitId: "t-db-xa-to" });
    const refused = await person({ unitId: "t-db-xa-to", statistics: false });
    const official = await person({ unitId: "t-db-xa-to", group: "official" });
    for (const p of [counted, refused, official]) await enrol(p.id, { at: "2026-05-02T03:00:00Z" });
    // Four more who consented: five learners, shown exactly.
    for (let i = 0; i < 4; i++) await enrol((await person({ unitId: "t-db-xa-to" })).id, { at: "2026-05-03T03:00:00Z" });
    const stats = await residentStatistics({ actor: await manager("t-db"), months: MONTHS });
    expect(stats.table).toHaveLength(1);
    expect(stats.table[0]).toMatchObject({ key: "u:t-db-xa", source: "unit", name: "Xã Mường Phăng (thử)" });
    expect(stats.table[0]!.courses[0]).toMatchObject({ slug: COURSE, learners: { exact: 5 }, completions: { exact: 0 } });

    // Withdrawing consent takes a resident out at once.
    await db.consent.update({ where: { userId_purpose: { userId: counted.id, purpose: "statistics" } }, data: { granted: false } });
    const after = await residentStatistics({ actor: await manager("t-db"), months: MONTHS });
    expect(after.table[0]!.courses[0]!.learners).toEqual({ fewerThan: 5 });
  });

  test("a team's residents count under its commune; typed communes by their folded text in their province; else unknown", async () => {
    const actor = await manager("t-cb");
    for (const unitId of ["t-cb-xa-a-to1", "t-cb-xa-a-to1", "t-cb-xa-a-to2", "t-cb-xa-a-to2", "t-cb-xa-a"]) await enrol((await person({ unitId })).id);
    for (const commune of ["Xã Đông Khê", "xa dong khe", "Đông Khê".normalize("NFD"), "ĐÔNG KHÊ", "Đông  Khê"]) await enrol((await person({ commune })).id);
    await enrol((await person({ commune: null })).id);
    // Typed by fewer than five: shown by name it could be anyone's own words (here, a name); counted as unknown.
    for (const commune of ["Trần Văn Tự Ghi", "tran van tu ghi"]) await enrol((await person({ commune })).id);
    // Typed in another province: not this province's, even with the same name.
    await enrol((await person({ commune: "Xã Đông Khê", provinceCode: "11" })).id);

    const stats = await residentStatistics({ actor, months: MONTHS, courseSlug: COURSE });
    const rows = Object.fromEntries(stats.table.map((r) => [r.key, r]));
    expect(Object.keys(rows).sort()).toEqual(["t:04:dong khe", "u:t-cb-xa-a", "x:04"]);
    expect(rows["u:t-cb-xa-a"]).toMatchObject({ source: "unit", name: "Xã Hòa An (thử)", provinceName: "Cao Bằng" });
    expect(rows["u:t-cb-xa-a"]!.courses[0]!.learners).toEqual({ exact: 5 });
    expect(rows["t:04:dong khe"]).toMatchObject({ source: "typed", provinceName: "Cao Bằng" });
    // Labelled as most typed it (each spelling here once: the first in order), in NFC.
    expect(rows["t:04:dong khe"]!.name).toBe("Đông Khê");
    expect(rows["t:04:dong khe"]!.courses[0]!.learners).toEqual({ exact: 5 });
    expect(rows["x:04"]).toMatchObject({ source: "unknown" });
    expect(rows["x:04"]!.courses[0]!.learners).toEqual({ fewerThan: 5 });
    // The grand total holds a hidden cell: at least 5 + 5 + 1.
    expect(stats.total.learners).toEqual({ atLeast: 11 });
    expect(JSON.stringify(stats).toLowerCase()).not.toMatch(/tự ghi|tu ghi/);

    // A commune manager sees their commune's teams only.
    const commune = await residentStatistics({ actor: await manager("t-cb-xa-a"), months: MONTHS, courseSlug: COURSE });
    expect(commune.table.map((r) => r.key)).toEqual(["u:t-cb-xa-a"]);
    expect(commune.total.learners).toEqual({ exact: 5 });
    expect(commune.hasTeams).toBe(true);
  });

  test("months follow Vietnam's calendar, whichever form the date was stored in", async () => {
    const actor = await manager("t-cb-xa-b");
    const five = async () => Promise.all(Array.from({ length: 5 }, async () => (await person({ unitId: "t-cb-xa-b-to" })).id));
    // 16:59 UTC on 31 July is 23:59 in Vietnam (July); 17:00 UTC is already 1 August.
    const july = await five();
    for (const id of july) await enrol(id, { course: OTHER, at: "2026-07-31T16:59:00Z", completed: "2026-07-31T17:00:00Z", certified: "2026-08-01T02:00:00Z" });
    // A second certificate (a reissue) is not a second first certificate.
    await enrol(july[0]!, { course: COURSE, at: "2025-01-01T00:00:00Z" });
    const code = crypto.randomBytes(8).toString("hex");
    await db.certificate.create({
      data: { publicId: code, shortCode: code.slice(0, 10), serial: `HS-T-${code}`, userId: july[0]!, courseSlug: OTHER, snapshot: "{}", issuedAt: new Date("2026-09-02T00:00:00Z") },
    });
    for (const id of await five()) await enrol(id, { course: OTHER, at: "2026-07-31T17:00:00Z" });
    // SQLite's own form, as CURRENT_TIMESTAMP writes it: 18:00 UTC on 31 August is September in Vietnam.
    for (const id of await five()) {
      await db.$executeRaw`INSERT INTO "Enrollment" ("id", "userId", "courseSlug", "courseVersion", "lessonsAtStart", "enrolledAt") VALUES (${crypto.randomUUID()}, ${id}, ${OTHER}, 1, '[]', '2026-08-31 18:00:00')`;
    }
    const [late] = await five();
    await enrol(late!, { course: OTHER, at: "2026-10-05T03:00:00Z" });

    const stats = await residentStatistics({ actor, months: { from: "2026-07", to: "2026-10" }, courseSlug: OTHER, commune: "u:t-cb-xa-b" });
    const byMonth = Object.fromEntries(stats.detail!.rows.map((r) => [r.month, r]));
    expect(Object.keys(byMonth)).toEqual(["2026-07", "2026-08", "2026-09", "2026-10"]);
    expect(byMonth["2026-07"]).toMatchObject({ learners: { exact: 5 }, completions: { exact: 0 }, certificates: { exact: 0 } });
    expect(byMonth["2026-08"]).toMatchObject({ learners: { exact: 5 }, completions: { exact: 5 }, certificates: { exact: 5 } });
    expect(byMonth["2026-09"]).toMatchObject({ learners: { exact: 5 }, completions: { exact: 0 }, certificates: { exact: 0 } });
    expect(byMonth["2026-10"]).toMatchObject({ learners: { fewerThan: 5 } });
    // October's one learner is hidden: the total must not give it away, here or in the table's cell.
    expect(stats.detail!.total).toEqual({ learners: { atLeast: 16 }, completions: { exact: 5 }, certificates: { exact: 5 } });
    expect(stats.table[0]!.courses[0]!.learners).toEqual({ atLeast: 16 });
    // Without October, every cell is exact, and so is the sum.
    const summer = await residentStatistics({ actor, months: { from: "2026-07", to: "2026-09" }, courseSlug: OTHER });
    expect(summer.total.learners).toEqual({ exact: 15 });
    const october = await residentStatistics({ actor, months: { from: "2026-10", to: "2026-10" }, courseSlug: OTHER });
    expect(october.total.learners).toEqual({ fewerThan: 5 });
  });

  test("a unit outside the scope is 403, in the unit and in the commune drilled into; no such unit is 404", async () => {
    const actor = await manager("t-db");
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: unknown) => (e as Response).status
      );
    expect(await status(residentStatistics({ actor, unitId: "t-cb", months: MONTHS }))).toBe(403);
    expect(await status(residentStatistics({ actor, months: MONTHS, commune: "u:t-cb-xa-a" }))).toBe(403);
    expect(await status(residentStatistics({ actor, unitId: "khong-co-don-vi-nay", months: MONTHS }))).toBe(404);
    expect(await status(residentStatistics({ actor, months: MONTHS, commune: "u:khong-co" }))).toBe(404);
    expect(await status(residentStatistics({ actor, months: MONTHS, commune: "bất kỳ" }))).toBe(404);
    expect(await status(residentStatistics({ actor, months: { from: "2026-05", to: "2026-01" } }))).toBe(400);
    expect(await status(residentStatistics({ actor, months: { from: "2020-01", to: "2026-01" } }))).toBe(400);
    expect(await status(residentStatistics({ actor, months: MONTHS, courseSlug: "khong-co-khoa-nay" }))).toBe(400);
    expect(await status(residentStatistics({ actor: await person({ statistics: false }), months: MONTHS }))).toBe(403);
    // A typed commune of another province names no unit: it is simply empty here.
    const other = await residentStatistics({ actor, months: MONTHS, commune: "t:04:dong khe" });
    expect(other.detail!.rows).toEqual([]);
    // An admin may look anywhere.
    expect(await status(residentStatistics({ actor: await admin(), unitId: "t-cb", months: MONTHS }))).toBe(200);
  });
});

describe("a team's residents", () => {
  test("members see who chose their team; progress only with consent to share, the others only counted", async () => {
    const sharing = await person({ name: "Bế Thị Chia Sẻ", unitId: "t-db-xa-to", share: true, statistics: false });
    const quiet = await person({ name: "Nông Văn Kín Đáo", unitId: "t-db-xa-to", share: false });
    const official = await person({ name: "Cán Bộ Xã", unitId: "t-db-xa-to", group: "official", share: true });
    await enrol(sharing.id, { at: "2026-01-05T03:00:00Z", completed: "2026-02-01T03:00:00Z", certified: "2026-02-01T03:00:00Z" });
    await enrol(sharing.id, { course: OTHER, at: "2026-03-05T03:00:00Z" });
    await db.learningDay.createMany({
      data: [
        { userId: sharing.id, day: "2026-03-01", seconds: 1800 },
        { userId: sharing.id, day: "2026-04-01", seconds: 1800 },
        { userId: sharing.id, day: "2025-12-31", seconds: 9999 },
      ],
    });
    const member = await manager("t-db-xa-to");
    const result = await teamResidents({ actor: member, now: new Date("2026-06-01T00:00:00Z") });
    expect(result.teams.map((t) => t.id)).toEqual(["t-db-xa-to"]);
    const shown = result.people.find((p) => p.id === sharing.id);
    expect(shown).toEqual({ id: sharing.id, fullName: "Bế Thị Chia Sẻ", teamId: "t-db-xa-to", teamName: "Tổ công nghệ số Mường Phăng", enrolled: 2, completed: 1, certificates: 1, seconds: 3600 });
    const names = result.people.map((p) => p.fullName);
    expect(names).not.toContain("Nông Văn Kín Đáo");
    expect(names).not.toContain("Cán Bộ Xã");
    expect(JSON.stringify(result)).not.toContain(quiet.id);
    expect(JSON.stringify(result)).not.toContain(official.id);
    expect(result.notSharing).toBeGreaterThanOrEqual(1);
    expect(result.total).toBe(result.sharing + result.notSharing);

    // Residents of the other province's teams are not theirs, and the other province's manager sees none of these.
    const other = await teamResidents({ actor: await manager("t-cb") });
    expect(other.people.map((p) => p.id)).not.toContain(sharing.id);
    expect(other.teams.map((t) => t.id).sort()).toEqual(["t-cb-xa-a-to1", "t-cb-xa-a-to2", "t-cb-xa-b-to"]);
    const status = (p: Promise<unknown>) =>
      p.then(
        () => 200,
        (e: unknown) => (e as Response).status
      );
    expect(await status(teamResidents({ actor: await manager("t-cb"), unitId: "t-db-xa-to" }))).toBe(403);
    expect(await status(teamResidents({ actor: member, unitId: "t-db-xa" }))).toBe(403);
    expect(await status(teamResidents({ actor: member, unitId: "khong-co" }))).toBe(404);
    expect(await status(teamResidents({ actor: sharing }))).toBe(403);
    // The commune above sees the same team.
    const commune = await teamResidents({ actor: await manager("t-db-xa") });
    expect(commune.people.map((p) => p.id)).toContain(sharing.id);
  });
});
