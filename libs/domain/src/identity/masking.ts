/**
 * Display masking (脱敏), api.md "Masking" and domain.md §7.3. Masking is the
 * default; a full value is shown only where a role needs it, and that reveal
 * is audited by the caller.
 */

/** First 6 and last 4 characters: 330102********1234 (api.md). */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 10) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 6) + '*'.repeat(idNumber.length - 10) + idNumber.slice(-4);
}

/** First 3 and last 4 digits: 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length <= 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** Common two-character surnames (复姓), kept whole when masking. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯',
  '轩辕', '令狐', '端木', '独孤', '南宫', '西门', '百里', '呼延', '澹台', '公冶', '太史', '申屠', '闻人',
  '万俟', '钟离', '濮阳', '淳于', '单于', '赫连', '司空',
]);

/**
 * Surname kept, every other character masked: 张三 -> 张*, 欧阳娜娜 -> 欧阳**.
 * A transliterated name keeps its first character and its separators:
 * 买买提·艾力 -> 买**·**.
 */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  const keep = chars.length > 2 && COMPOUND_SURNAMES.has(chars[0] + chars[1]) ? 2 : 1;
  return chars.map((c, i) => (i < keep || c === '·' || c === ' ' ? c : '*')).join('');
}

/** Last 4 characters only (insurance numbers). */
export function maskTail4(value: string): string {
  if (value.length <= 4) return value;
  return '*'.repeat(value.length - 4) + value.slice(-4);
}
