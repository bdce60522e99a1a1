/** SQL over the connections graph, shared by the ranking's computations. */
import { sql } from 'kysely';

/** The CTE `mine`: the member's connections (one `id` per row). */
export function mine(memberId: string) {
  return sql`mine as (
      select member_b as id from connections where member_a = ${memberId}
      union all
      select member_a as id from connections where member_b = ${memberId}
    )`;
}

/** The CTEs `mine` and `hop`: everyone two hops away, once per path through one of the member's connections (`cand`). */
export function twoHops(memberId: string) {
  return sql`${mine(memberId)},
    hop as (
      select c.member_b as cand from mine m join connections c on c.member_a = m.id
      union all
      select c.member_a as cand from mine m join connections c on c.member_b = m.id
    )`;
}
