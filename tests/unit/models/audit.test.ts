import { beforeAll, describe, expect, test } from "vitest";
import { createUser, seedReferenceData } from "../../setup/accounts";
import { dayFormat } from "~/components/manage/community-parts";
import { en } from "~/locales/en";
import { vi } from "~/locales/vi";
import { auditActions, auditEvent, auditRenderers, describeAuditEvent, listAuditEvents, type AuditAction, type AuditFact, type AuditNames } from "~/models/audit.server";
import { getCourse, loadCourses } from "~/models/course.server";
import { listUnits } from "~/models/org.server";
import { countQueries, db } from "~/utils/db.server";
import { formatDate, formatNumber, translate, type Locale } from "~/utils/i18n";

const COURSE = "thanh-toan-truc-tuyen";
let names: AuditNames;
let admin: string;
let official: string;

beforeAll(async () => {
  await seedReferenceData();
  await loadCourses({ cacheDir: null });
  admin = (await createUser({ role: "admin", fullName: "Quản Trị Viên Thử" })).id;
  official = (await createUser({ learnerGroup: "official", unitId: "hue-so-khcn", fullName: "Trần Thị Cán Bộ" })).id;
  names = {
    users: new Map([
      [admin, "Quản Trị Viên Thử"],
      [official, "Trần Thị Cán Bộ"],
    ]),
    units: new Map((await listUnits()).map((u) => [u.id, u])),
  };
});

/** The facts as the page shows them, in one language. */
function text(facts: AuditFact[], locale: Locale): string {
  const messages = locale === "vi" ? vi : en;
  return facts
    .map((f) => {
      const label = "key" in f.label ? translate(locale, messages, f.label.key) : f.label.raw;
      const value = f.value
        .map((p) => ("text" in p ? p.text : "number" in p ? formatNumber(locale, p.number) : "date" in p ? formatDate(locale, p.date, dayFormat) : translate(locale, messages, p.key, p.params)))
        .join("");
      return `${label}: ${value}`;
    })
    .join("\n");
}

/** Details as each part writes them; every action has one here, or the test below fails. */
const examples = (): Record<AuditAction, Record<string, unknown>> => ({
  "account.created": { consents: { "learning-records": true, "share-with-unit": false, statistics: true }, role: "manager" },
  "account.deleted": {},
  "account.disabled": {},
  "account.enabled": {},
  "account.profileChanged": {},
  "role.changed": { before: { role: "learner", managedUnitId: null }, after: { role: "manager", managedUnitId: "hue" } },
  "consent.changed": { purpose: "share-with-unit", granted: false },
  "password.changed": {},
  "password.reset": {},
  "password.resetLinkCreated": {},
  "sessions.ended": {},
  "certificate.issued": { serial: "HS-2026-000042", course: COURSE },
  "certificate.revoked": { serial: "HS-2026-000042", reason: "Cấp nhầm người" },
  "certificate.reissued": { from: "HS-2026-000042", to: "HS-2026-000043" },
  "unit.imported": {
    fileName: "don-vi-2026.csv",
    added: 12,
    renamed: 2,
    merged: 1,
    rejected: [
      { line: 4, reason: "code" },
      { line: 9, reason: "parent" },
    ],
    counts: { added: 12, rejected: 2 },
  },
  "unit.changed": { unitId: "hue-so-khcn", before: { name: "Sở KH&CN", parentId: "hue", targetHours: null }, after: { name: "Sở Khoa học và Công nghệ", parentId: "hue", targetHours: 40 } },
  "membership.changed": { userId: official, before: { unitId: "hue-so-khcn", position: "Chuyên viên" }, after: { unitId: "hue-so-noi-vu", position: "Chuyên viên chính" } },
  "assignment.created": {
    assignmentId: "cm0000000000000000000000",
    unitId: "hue",
    courseSlug: COURSE,
    due: "2027-01-15",
    positions: ["Chuyên viên", "Trưởng phòng"],
    learnerGroup: "official",
    counts: { learners: 37 },
  },
  "assignment.withdrawn": { unitId: "hue", courseSlug: COURSE, dueDays: 30, userIds: [official, "nguoi-da-xoa"] },
});

describe("each action's details, readably", () => {
  test("every action has a renderer and an example", () => {
    expect(Object.keys(auditRenderers).sort()).toEqual([...auditActions].sort());
    expect(Object.keys(examples()).sort()).toEqual([...auditActions].sort());
  });

  test.each(auditActions.map((a) => [a]))("%s: names and words, not ids or JSON, in both languages", (action) => {
    const details = examples()[action];
    const facts = describeAuditEvent({ action, details: JSON.stringify(details) }, names);
    // Nothing to say is nothing shown; something to say is at least one fact.
    expect(facts.length === 0).toBe(Object.keys(details).length === 0);
    for (const locale of ["vi", "en"] as const) {
      const shown = text(facts, locale);
      // No raw ids, slugs or JSON: the unit and user ids, the course slug, braces and quotes.
      for (const raw of ["cm0000000000000000000000", "hue-so-khcn", "hue-so-noi-vu", official, admin, COURSE, "{", '"', "managedUnitId", "courseSlug"])
        expect(shown, `${locale}: ${shown}`).not.toContain(raw);
      expect(shown).not.toMatch(/community\.|admin\.|undefined|\[object/);
    }
  });

  test("names, titles and labels stand where the ids were", () => {
    const d = examples();
    const vis = (action: AuditAction) => text(describeAuditEvent({ action, details: JSON.stringify(d[action]) }, names), "vi");
    expect(vis("role.changed")).toBe("Vai trò: Người học → Quản lý đơn vị\nĐơn vị quản lý: — → Ủy ban nhân dân thành phố Huế");
    expect(vis("consent.changed")).toBe("Chia sẻ tiến độ với đơn vị: rút lại đồng ý");
    expect(vis("certificate.issued")).toContain(`Khóa học: ${getCourse(COURSE)!.meta.title}`);
    expect(vis("certificate.reissued")).toBe("Số hiệu cũ: HS-2026-000042\nSố hiệu mới: HS-2026-000043");
    expect(vis("membership.changed")).toContain("Người: Trần Thị Cán Bộ");
    expect(vis("membership.changed")).toContain("Đơn vị: Sở Khoa học và Công nghệ thành phố Huế → Sở Nội vụ thành phố Huế");
    expect(vis("unit.changed")).toContain("Số giờ bồi dưỡng mục tiêu: — → 40");
    // Unchanged fields are left out of a before/after pair.
    expect(vis("unit.changed")).not.toContain("Đơn vị cấp trên");
    expect(vis("unit.imported")).toContain("Bị từ chối: 2 mục");
    expect(vis("unit.imported")).toContain("Tệp: don-vi-2026.csv");
    expect(vis("assignment.created")).toContain("Hạn: 15/01/2027");
    expect(vis("assignment.created")).toContain("Chức vụ áp dụng: Chuyên viên, Trưởng phòng");
    expect(vis("assignment.created")).toContain("Nhóm người học: Cán bộ, công chức, viên chức");
    expect(vis("assignment.withdrawn")).toContain("Những người: Trần Thị Cán Bộ, tài khoản đã xóa");
    expect(vis("assignment.withdrawn")).toContain("Hạn sau khi được giao: 30 ngày");
    expect(vis("account.created")).toContain("Dùng cho thống kê: đồng ý");
  });

  test("unknown keys read as key: value; broken JSON does not break the page", () => {
    expect(text(describeAuditEvent({ action: "unit.changed", details: JSON.stringify({ note: "thêm ghi chú", size: 3 }) }, names), "vi")).toBe("note: thêm ghi chú\nsize: 3");
    expect(text(describeAuditEvent({ action: "unit.changed", details: "not json" }, names), "vi")).toBe("value: not json");
    expect(text(describeAuditEvent({ action: "an.old.action", details: JSON.stringify({ unitId: "hue" }) }, names), "vi")).toBe("Đơn vị: Ủy ban nhân dân thành phố Huế");
  });
});

describe("the list", () => {
  test("names for actors and subjects, 'deleted account' for those gone, in one query for the page", async () => {
    const gone = await createUser({ fullName: "Người Đã Rời Đi" });
    await auditEvent({ actorId: admin, action: "membership.changed", subjectId: official, details: examples()["membership.changed"] });
    await auditEvent({ actorId: admin, action: "role.changed", subjectId: gone.id, details: { before: { role: "learner" }, after: { role: "trainer" } } });
    await db.user.delete({ where: { id: gone.id } });

    const { result, queries } = await countQueries(() => listAuditEvents({ page: 1 }));
    // Events, their count, and the names of everyone on the page: three, whatever the number of rows.
    expect(queries).toBe(3);
    const membership = result.events.find((e) => e.action === "membership.changed")!;
    expect(membership.actor).toEqual({ id: admin, name: "Quản Trị Viên Thử" });
    expect(membership.subject).toEqual({ id: official, name: "Trần Thị Cán Bộ" });
    expect(membership.raw).toContain("hue-so-noi-vu");
    const role = result.events.find((e) => e.action === "role.changed" && e.subject?.id === gone.id)!;
    expect(role.subject).toEqual({ id: gone.id, name: null });
  });

  test("filters by kind of change and by person, by id or by name ignoring diacritics", async () => {
    const person = await createUser({ fullName: "Lương Văn Lọc" });
    await auditEvent({ actorId: admin, action: "assignment.created", subjectId: null, details: examples()["assignment.created"] });
    await auditEvent({ actorId: person.id, action: "consent.changed", subjectId: person.id, details: { purpose: "statistics", granted: true } });

    const created = await listAuditEvents({ action: "assignment.created" });
    expect(created.events.length).toBeGreaterThan(0);
    expect(created.events.every((e) => e.action === "assignment.created")).toBe(true);

    const byId = await listAuditEvents({ person: person.id });
    expect(new Set(byId.events.map((e) => e.action))).toEqual(new Set(["account.created", "consent.changed"]));
    expect(byId.person).toEqual({ id: person.id, name: "Lương Văn Lọc" });

    const byName = await listAuditEvents({ query: "luong van loc", action: "consent.changed" });
    expect(byName.events.map((e) => e.subject?.id)).toEqual([person.id]);
    expect((await listAuditEvents({ query: "không có ai tên này" })).total).toBe(0);
    // Done to the account only: the admin's own events are not the person's.
    const done = await listAuditEvents({ subjectId: admin });
    expect(done.events.length).toBeGreaterThan(0);
    expect(done.events.every((e) => e.subject?.id === admin)).toBe(true);
  });
});
