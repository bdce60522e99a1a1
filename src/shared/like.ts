/** A LIKE pattern for text containing `text`, its wildcards escaped (use with `escape '\'`), so `50%` means the text `50%`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
