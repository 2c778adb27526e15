/** Vietnamese text helpers shared by search, content checks and forms. */

/** Unicode NFC: the one form text is stored and compared in. */
export function nfc(text: string): string {
  return text.normalize("NFC");
}

/**
 * Folds text for search: lower case, no tone marks or other diacritics, and
 * đ → d (đ is a letter of its own and does not decompose). "Đăng ký",
 * "dang ky" and "ĐĂNG KÝ" fold alike, as do "hoà" and "hòa".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .normalize("NFC");
}

/** Removes control characters (keeps tab and newline) that have no place in form input. */
export function stripControlCharacters(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

/** Text made safe inside HTML: for the few places that write HTML by hand. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
