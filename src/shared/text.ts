/**
 * Plain text as members type it, made safe to show to others: no control characters, no invisible
 * characters that reorder or hide what is shown (a right-to-left override turns "Bob" + "gpj.exe"
 * into "Bobexe.jpg"), one Unicode normal form.
 */

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/g;
// Bidirectional embeddings, overrides and isolates; marks; zero-width space, word joiner, BOM, and
// the other invisible format characters.
const INVISIBLE = /[\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]/g;
// ZWNJ and ZWJ shape Persian, Indic and emoji sequences: kept between two such characters only.
const JOINER = /[\u200c\u200d]/g;
const JOINABLE = /^(?:[\p{L}\p{M}\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}]|\uFE0F)$/u;

// Half of a surrogate pair, alone: no character at all (and not valid UTF-8).
const LONE_SURROGATE = /\p{Cs}/gu;

function withoutInvisibles(text: string): string {
  const joined = text.replace(LONE_SURROGATE, '').normalize('NFC').replace(INVISIBLE, '');
  return joined.replace(JOINER, (joiner, at: number) => {
    const before = [...joined.slice(Math.max(0, at - 2), at)].pop() ?? '';
    const after = String.fromCodePoint(joined.codePointAt(at + 1) ?? 32);
    return JOINABLE.test(before) && JOINABLE.test(after) ? joiner : '';
  });
}

/** One line of text (a name, a headline): line breaks become spaces, runs of white space one space. */
export function cleanLine(text: string): string {
  return withoutInvisibles(text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(CONTROLS, ''))
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Text of several lines (a note, a message): newlines kept as `\n`, other control characters removed. */
export function cleanMultiline(text: string): string {
  return withoutInvisibles(text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(CONTROLS, '')).trim();
}
