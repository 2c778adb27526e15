/**
 * /manage/assignments over the real site: a manager assigns within their
 * scope and gets clear form errors for what does not exist or has passed;
 * another province's manager gets 403 for the same assignment's page, its
 * withdrawal, and for a form forged to name a unit of the first province.
 * The sign-up and account forms offer and check community teams.
 */
import { afterAll, beforeAll, expect, test } from "vitest";
import { createUser } from "../../setup/accounts";
import { prepareAsStartupDoes, sessionCookie, startSite, type Site } from "../../setup/site";
import { forgetReferenceData } from "~/models/org.server";
import { db } from "~/utils/db.server";
import { vietnamDay } from "~/utils/i18n";

const COURSE = "thanh-toan-truc-tuyen";
const PERSON = "Lương Thị Được Giao";

let site: Site;
let hue: string;
let laoCai: string;

const form = (fields: Record<string, string>) => ({
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});
const nextMonth = () => vietnamDay(new Date(Date.now() + 30 * 86_400_000));
const assign = (fields: Record<string, string>) => ({
  courseSlug: COURSE,
  target: "unit",
  unitId: "hue-so-khcn",
  positions: "",
  learnerGroup: "",
  people: "",
  due: "date",
  dueDate: nextMonth(),
  dueDays: "",
  ...fields,
});

beforeAll(async () => {
  await prepareAsStartupDoes();
  await db.unit.create({
    data: {
      id: "hue-phuong-thuan-hoa-to-1",
      name: "Tổ công nghệ số cộng đồng tổ dân phố 1",
      kind: "team",
      path: "/hue/hue-phuong-thuan-hoa/hue-phuong-thuan-hoa-to-1/",
      parentId: "hue-phuong-thuan-hoa",
      provinceCode: "46",
    },
  });
  forgetReferenceData();
  await createUser({ learnerGroup: "official", unitId: "hue-so-khcn", fullName: PERSON });
  hue = await sessionCookie((await createUser({ role: "manager", learnerGroup: "official", unitId: "hue" })).id);
  laoCai = await sessionCookie((await createUser({ role: "manager", learnerGroup: "official", unitId: "lao-cai" })).id);
  site = await startSite();
});

afterAll(() => site?.close());

test("a manager assigns a course to a unit in scope; the page lists it and its people; another province's manager gets 403", async () => {
  const created = await site.send({ path: "/manage/assignments", method: "POST", cookie: hue, ...form(assign({})) });
  expect(created.status).toBe(303);
  expect(created.headers.location).toMatch(/^\/manage\/assignments\?created=\d+$/);
  const list = await site.send({ path: created.headers.location!, cookie: hue });
  expect(list.status).toBe(200);
  const id = /\/manage\/assignments\/([a-z0-9]+)"/.exec(list.body)?.[1];
  expect(id).toBeTruthy();

  const details = await site.send({ path: `/manage/assignments/${id}`, cookie: hue });
  expect(details.status).toBe(200);
  expect(details.body).toContain(PERSON);

  // The other province's manager: not in their list, 403 for the page, its data request and its withdrawal.
  expect((await site.send({ path: "/manage/assignments", cookie: laoCai })).body).not.toContain(`/manage/assignments/${id}`);
  expect((await site.send({ path: `/manage/assignments/${id}`, cookie: laoCai })).status).toBe(403);
  expect((await site.send({ path: `/manage/assignments/${id}?_data=routes%2Fmanage.assignments.%24assignmentId`, cookie: laoCai })).status).toBe(403);
  expect((await site.send({ path: `/manage/assignments/${id}`, method: "POST", cookie: laoCai, ...form({ confirm: "on" }) })).status).toBe(403);
  expect((await site.send({ path: `/manage/assignments/${id}`, method: "POST", cookie: laoCai, ...form({}) })).status).toBe(403);

  // Withdrawal asks for the confirmation box, then happens once.
  const unconfirmed = await site.send({ path: `/manage/assignments/${id}`, method: "POST", cookie: hue, ...form({}) });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.body).toContain("Hãy đánh dấu ô xác nhận trước khi thu hồi.");
  expect((await site.send({ path: `/manage/assignments/${id}`, method: "POST", cookie: hue, ...form({ confirm: "on" }) })).status).toBe(303);
  expect((await site.send({ path: `/manage/assignments/${id}`, method: "POST", cookie: hue, ...form({ confirm: "on" }) })).status).toBe(409);
});

test("a form forged to name another province's unit is a 403; nothing is made", async () => {
  const before = await db.assignment.count();
  const forged = await site.send({ path: "/manage/assignments", method: "POST", cookie: hue, ...form(assign({ unitId: "lao-cai-so-khcn" })) });
  expect(forged.status).toBe(403);
  expect(await db.assignment.count()).toBe(before);
});

test("a course or unit that does not exist and a past date are form errors, with a summary and what was typed kept", async () => {
  const before = await db.assignment.count();
  const yesterday = vietnamDay(new Date(Date.now() - 86_400_000));
  const reply = await site.send({
    path: "/manage/assignments",
    method: "POST",
    cookie: hue,
    ...form(assign({ courseSlug: "khong-co-khoa-nay", unitId: "khong-co-don-vi", positions: "Chuyên viên, Trưởng phòng", dueDate: yesterday })),
  });
  expect(reply.status).toBe(400);
  expect(reply.body).toContain("Chưa giao được: có 3 mục cần sửa bên dưới.");
  expect(reply.body).toContain("Khóa học này không có trong danh mục.");
  expect(reply.body).toContain("Đơn vị này không có trong danh sách.");
  expect(reply.body).toContain("Ngày hạn đã qua.");
  expect(reply.body).toContain('value="Chuyên viên, Trưởng phòng"');
  expect(reply.body).toContain(`value="${yesterday}"`);
  const days = await site.send({ path: "/manage/assignments", method: "POST", cookie: hue, ...form(assign({ due: "days", dueDays: "0" })) });
  expect(days.status).toBe(400);
  expect(days.body).toContain("Số ngày phải là số nguyên từ 1 đến 3.650.");
  expect(await db.assignment.count()).toBe(before);
});

test("sign-up offers community teams to residents; a team chosen by an official, or a made-up team, is a field error", async () => {
  const page = await site.send({ path: "/sign-up" });
  expect(page.body).toContain("Tổ công nghệ số cộng đồng tổ dân phố 1");
  const signUp = (fields: Record<string, string>) =>
    site.send({
      path: "/sign-up",
      method: "POST",
      ...form({
        identifier: `to-${Math.random()}@example.vn`,
        password: "mat-khau-rat-dai-de-nho",
        fullName: "Người Dân Có Tổ",
        provinceCode: "46",
        consentLearningRecords: "on",
        ...fields,
      }),
    });
  const official = await signUp({ learnerGroup: "official", unitId: "hue-phuong-thuan-hoa-to-1", position: "Chuyên viên" });
  expect(official.status).toBe(400);
  expect(official.body).toContain("Cán bộ chọn cơ quan, đơn vị nơi mình công tác");
  expect(official.body).toContain('value="Người Dân Có Tổ"');
  const madeUp = await signUp({ learnerGroup: "resident", teamId: "hue-so-khcn" });
  expect(madeUp.status).toBe(400);
  expect(madeUp.body).toContain("Tổ này không có trong danh sách.");
  const resident = await signUp({ learnerGroup: "resident", teamId: "hue-phuong-thuan-hoa-to-1", fullName: "Cư Dân Của Tổ" });
  expect(resident.status).toBe(302);
  const user = await db.user.findFirstOrThrow({
    where: { fullName: "Cư Dân Của Tổ" },
    select: { unitId: true, position: true, memberships: { select: { unitId: true, endedAt: true } } },
  });
  expect(user).toEqual({ unitId: "hue-phuong-thuan-hoa-to-1", position: null, memberships: [{ unitId: "hue-phuong-thuan-hoa-to-1", endedAt: null }] });
});

test("an admin moves an official to another unit: the page shows where they have worked; a team or a resident is refused with a message", async () => {
  const admin = await sessionCookie((await createUser({ role: "admin" })).id);
  const { id } = await createUser({ learnerGroup: "official", unitId: "hue-so-khcn", fullName: "Cán Bộ Chuyển Đi" });
  const move = (fields: Record<string, string>, userId = id) =>
    site.send({ path: `/admin/users/${userId}`, method: "POST", cookie: admin, ...form({ intent: "membership", ...fields }) });

  const toTeam = await move({ unitId: "hue-phuong-thuan-hoa-to-1", position: "Chuyên viên" });
  expect(toTeam.status).toBe(400);
  expect(toTeam.body).toContain("Cán bộ chọn cơ quan, đơn vị nơi mình công tác");
  expect((await move({ unitId: "khong-co-don-vi", position: "Chuyên viên" })).status).toBe(400);
  const resident = await createUser({ fullName: "Người Dân Không Chuyển" });
  const refused = await move({ unitId: "hue-so-noi-vu", position: "Chuyên viên" }, resident.id);
  expect(refused.status).toBe(400);
  expect(refused.body).toContain("Chỉ chuyển đơn vị cho cán bộ.");

  expect((await move({ unitId: "hue-so-noi-vu", position: "Phó Giám đốc" })).status).toBe(303);
  const page = await site.send({ path: `/admin/users/${id}`, cookie: admin });
  expect(page.status).toBe(200);
  expect(page.body).toContain("Lịch sử nơi công tác");
  expect(page.body).toContain("Sở Nội vụ thành phố Huế · Phó Giám đốc");
  expect(page.body).toContain("Sở Khoa học và Công nghệ thành phố Huế · Chuyên viên");
  const event = await db.auditEvent.findFirstOrThrow({ where: { subjectId: id, action: "membership.changed" }, orderBy: { id: "desc" } });
  expect(JSON.parse(event.details)).toEqual({
    from: { unitId: "hue-so-khcn", position: "Chuyên viên" },
    to: { unitId: "hue-so-noi-vu", position: "Phó Giám đốc" },
  });
});
