/**
 * Accent-insensitive matching of Vietnamese names and words: "tai chinh" finds "tài chính",
 * "tam duong" finds "Tam Đường" (đ is not a combining mark, so it is mapped by hand).
 */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/** The text with its first letter in upper case, as a sentence starts: «Điểm», «Chỉ số …». */
export function capitalized(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/** Lower case, no diacritics, single spaces, no punctuation: for comparing names. */
export function searchKey(text: string): string {
  return foldDiacritics(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** True when every word of the query occurs in the text, ignoring case and accents. */
export function matchesQuery(text: string, query: string): boolean {
  const haystack = ` ${searchKey(text)} `;
  return searchKey(query)
    .split(' ')
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
