/**
 * Names for generated members (the demo network, the benchmarks' datasets): a mix of scripts and
 * diacritics, so search and sorting meet more than ASCII. Pair them with a seeded generator
 * (random.ts) for the same people every run.
 */

export const FIRST_NAMES: readonly string[] = [
  'Ada',
  'Grace',
  'Alan',
  'Linus',
  'Margaret',
  'Ken',
  'Barbara',
  'Dennis',
  'Frances',
  'Edsger',
  'Radia',
  'Tim',
  'Katherine',
  'John',
  'Hedy',
  'Guido',
  'Sophie',
  'Bjarne',
  'Anita',
  'Donald',
  'Mary',
  'Niklaus',
  'Karen',
  'Leslie',
  'Shafi',
  'Yukihiro',
  'Jean',
  'Ivan',
  'Adele',
  'Fran',
  'Amara',
  'Chen',
  'Priya',
  'Mateo',
  'Zoë',
  'Émile',
  'Ingrid',
  'Kwame',
  'Lucía',
  'Oskar',
];

export const LAST_NAMES: readonly string[] = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Torvalds',
  'Hamilton',
  'Thompson',
  'Liskov',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Perlman',
  'Berners-Lee',
  'Johnson',
  'McCarthy',
  'Lamarr',
  'van Rossum',
  'Wilson',
  'Stroustrup',
  'Borg',
  'Knuth',
  'Shaw',
  'Wirth',
  'Spärck Jones',
  'Lamport',
  'Goldwasser',
  'Matsumoto',
  'Sammet',
  'Sutherland',
  'Goldberg',
  'Bilas',
  'Okafor',
  'Wei',
  'Raman',
  'García',
  'Dubois',
  'Müller',
  'Larsen',
  'Mensah',
  'Fernández',
  'Nilsson',
];

/** An address's local part for a generated person: "Zoë Spärck Jones" → "zoe.sparckjones". */
export function localPartOf(first: string, last: string): string {
  return `${first}.${last}`
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z.]/g, '');
}
