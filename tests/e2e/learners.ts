import type { Page } from "@playwright/test";
import { expect } from "./fixtures";

export const LEARNER_PASSWORD = "mot-cau-de-nho-kho-doan";

/** A fresh mobile number per call, in the spaced form people type: "0398 123 456". */
export function newPhone(prefix = "0398") {
  const digits = String(Math.floor(Math.random() * 1e6)).padStart(6, "0");
  return { typed: `${prefix} ${digits.slice(0, 3)} ${digits.slice(3)}`, international: `+84${prefix.slice(1)}${digits}` };
}

/** Signs up a new resident through the sign-up form, as a person would, and waits until signed in. */
export async function signUpResident(page: Page, { name, province, prefix }: { name: string; province: string; prefix?: string }) {
  const phone = newPhone(prefix);
  await page.goto("/sign-up");
  await page.getByLabel("Email hoặc số điện thoại di động").fill(phone.typed);
  await page.getByLabel("Mật khẩu", { exact: true }).fill(LEARNER_PASSWORD);
  await page.getByLabel("Họ và tên").fill(name);
  await page.getByLabel("Bạn là").selectOption("resident");
  await page.getByLabel("Tỉnh, thành phố").selectOption({ label: province });
  await page.getByLabel("Lưu kết quả học tập của tôi (bắt buộc)").check();
  await page.getByRole("button", { name: "Tạo tài khoản" }).click();
  await expect(page.getByRole("button", { name: "Đăng xuất", exact: true })).toBeVisible();
  return phone;
}
