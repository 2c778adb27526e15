import { describe, expect, test } from "vitest";
import { ChangePasswordForm, SignUpForm } from "~/utils/schemas/account";
import { parseForm } from "~/utils/schemas/fields";

const valid = {
  identifier: "0912 345 678",
  password: "mot-cau-rat-dai",
  fullName: "Nguyễn Văn An",
  learnerGroup: "resident",
  provinceCode: "46",
  consentLearningRecords: "on",
};

describe("the sign-up form", () => {
  test("a valid form gives clean data: a normalised phone, NFC text, consents as booleans", () => {
    const decomposed = "Nguye\u0302\u0303n Va\u0306n An"; // NFD, as some keyboards send it
    const result = parseForm(SignUpForm, { ...valid, fullName: `  ${decomposed} ` });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.identifier).toEqual({ kind: "phone", phone: "+84912345678" });
    expect(result.data.fullName).toBe("Nguyễn Văn An");
    expect(result.data.fullName).toBe(result.data.fullName.normalize("NFC"));
    expect(result.data).toMatchObject({ consentLearningRecords: true, consentShareWithUnit: false, consentStatistics: false });
  });

  test("each wrong field gets its own translated message key, and what was typed is kept except the password", () => {
    const result = parseForm(SignUpForm, { identifier: "abc", password: "short", fullName: "", learnerGroup: "alien", provinceCode: "" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual({
      identifier: ["account.identifierInvalid"],
      password: ['password.tooShort|{"min":8}'],
      fullName: ["form.required"],
      learnerGroup: ["account.groupRequired"],
      provinceCode: ["account.provinceRequired"],
      consentLearningRecords: ["consent.requiredMissing"],
    });
    expect(result.values).toEqual({ identifier: "abc", fullName: "", learnerGroup: "alien", provinceCode: "" });
  });

  test("over-long fields, control characters and broken UTF-8 are refused with a message", () => {
    const long = parseForm(SignUpForm, { ...valid, fullName: "a".repeat(101) });
    const control = parseForm(SignUpForm, { ...valid, fullName: "An\u0007" });
    const broken = parseForm(SignUpForm, { ...valid, fullName: "An\ufffd" });
    expect(long.ok || long.errors.fullName).toEqual(['form.tooLong|{"max":100}']);
    expect(control.ok || control.errors.fullName).toEqual(["form.controlCharacters"]);
    expect(broken.ok || broken.errors.fullName).toEqual(["form.controlCharacters"]);
  });

  test("a one-line field refuses line breaks inside it (a name must not start a new line in a letter or a header)", () => {
    for (const lineBreak of ["\r\n", "\n", "\r", "\u2028", "\u2029"]) {
      for (const field of ["fullName", "commune", "position"]) {
        const result = parseForm(SignUpForm, { ...valid, learnerGroup: "official", unitId: "hue", position: "Chuyên viên", [field]: `An${lineBreak}Set-Cookie: x=1` });
        expect(result.ok || result.errors[field], `${field} with ${JSON.stringify(lineBreak)}`).toEqual(["form.controlCharacters"]);
      }
    }
  });

  test("officials must name their unit and position; residents need not", () => {
    const official = parseForm(SignUpForm, { ...valid, learnerGroup: "official" });
    expect(official.ok).toBe(false);
    if (!official.ok) expect(Object.keys(official.errors).sort()).toEqual(["position", "unitId"]);
    expect(parseForm(SignUpForm, { ...valid, learnerGroup: "official", unitId: "hue", position: "Chuyên viên" }).ok).toBe(true);
  });

  test("a password has only a length rule: no required digits or symbols", () => {
    expect(parseForm(ChangePasswordForm, { currentPassword: "x", password: "toi di hoc" }).ok).toBe(true);
    expect(parseForm(ChangePasswordForm, { currentPassword: "x", password: "x".repeat(129) }).ok).toBe(false);
  });
});
