import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pdfQrCode, pdfText } from "../setup/poppler";
import { CERTIFIED_COURSE, completeCertifiedCourse, signInAsAdmin } from "./certified";
import { expect, test } from "./fixtures";
import { signUpResident } from "./learners";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`a resident's certificate with JavaScript ${javaScriptEnabled ? "on" : "off"}`, () => {
    test.use({ javaScriptEnabled });

    test("complete a course, find the certificate, download the PDF, follow its QR code, verify by code; revoked, the page says so", async ({ page, browser }) => {
      test.setTimeout(240_000);
      const name = `Nguyễn Thị Ngọc Ánh ${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
      await signUpResident(page, { name, province: "Huế", prefix: "0358" });
      await completeCertifiedCourse(page);

      // On /me, then the certificates page, with the status in words.
      await page.goto("/me");
      await page.getByRole("link", { name: "Xem chứng nhận của tôi" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Chứng nhận của tôi" })).toBeVisible();
      const card = page.getByRole("listitem").filter({ hasText: CERTIFIED_COURSE.title });
      await expect(card.getByText("Chứng nhận này HỢP LỆ")).toBeVisible();
      await expect(card.getByRole("definition").filter({ hasText: name })).toBeVisible();
      const code = (await card.getByRole("definition").filter({ hasText: /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/ }).textContent())!;

      // The PDF: the name as real text, and a QR code that leads to the public page.
      const pdfLink = card.getByRole("link", { name: "Tải bản PDF" });
      const pdf = await page.request.get((await pdfLink.getAttribute("href"))!);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hocso-e2e-pdf-")), "certificate.pdf");
      fs.writeFileSync(file, await pdf.body());
      expect(pdfText(file)).toContain(name);
      const target = pdfQrCode(file);
      expect(target).toMatch(/\/certificates\/[\w-]{22}$/);

      // The signed credential names the same page.
      const credential = await page.request.get((await card.getByRole("link", { name: /Open Badges/ }).getAttribute("href"))!);
      const signed = (await credential.json()) as { id: string; type: string[]; proof: { cryptosuite: string } };
      expect(signed.id).toBe(target);
      expect(signed.type).toContain("OpenBadgeCredential");
      expect(signed.proof.cryptosuite).toBe("eddsa-rdfc-2022");

      // A stranger with a phone: the QR target, and the code typed at /verify.
      const stranger = await browser.newContext({ javaScriptEnabled });
      const phone = await stranger.newPage();
      await phone.goto(new URL(target!).pathname);
      await expect(phone.getByText("Chứng nhận này HỢP LỆ")).toBeVisible();
      await expect(phone.getByRole("definition").filter({ hasText: name })).toBeVisible();
      await phone.goto("/");
      await phone.getByRole("link", { name: "nhập mã xác minh" }).click();
      await phone.getByLabel("Mã xác minh").fill(code.toLowerCase().replace(/-/g, " "));
      await phone.getByRole("button", { name: "Xác minh" }).click();
      await expect(phone).toHaveURL(new RegExp(`${new URL(target!).pathname}$`));
      await phone.goto("/verify");
      await phone.getByLabel("Mã xác minh").fill("2345-6789-AB");
      await phone.getByRole("button", { name: "Xác minh" }).click();
      await expect(phone.getByRole("alert")).toBeVisible();

      // An admin revokes it; the public page says so, with the reason.
      const office = await browser.newContext({ javaScriptEnabled });
      const admin = await office.newPage();
      await signInAsAdmin(admin);
      const publicId = new URL(target!).pathname.split("/").at(-1)!;
      await admin.goto(`/admin/certificates/${publicId}`);
      await admin.getByLabel("Lý do thu hồi").fill("Thông tin người học không đúng sự thật.");
      await admin.getByLabel("Tôi hiểu chứng nhận sẽ bị thu hồi và không thể hoàn tác").check();
      await admin.getByRole("button", { name: "Thu hồi chứng nhận này" }).click();
      await expect(admin).toHaveURL(/\?done=revoked$/);
      await office.close();

      await phone.goto(new URL(target!).pathname);
      await expect(phone.getByText("Chứng nhận này ĐÃ BỊ THU HỒI")).toBeVisible();
      await expect(phone.getByText(/Lý do: Thông tin người học không đúng sự thật\./)).toBeVisible();
      await stranger.close();
      // And it is no longer handed out as a PDF.
      expect((await page.request.get((await pdfLink.getAttribute("href"))!)).status()).toBe(410);
    });
  });
}
