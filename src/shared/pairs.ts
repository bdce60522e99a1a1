/** Keys for pairs of members. */
/** The unordered pair of two members, the same whichever of them is named first. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
