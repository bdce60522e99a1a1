/** Says once, up front, what this run covers: PostgreSQL only when TEST_DATABASE_URL is set. */
export default function setup() {
  if (!process.env.TEST_DATABASE_URL) {
    console.log('NOTICE: PostgreSQL tests skipped: install PostgreSQL and set TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/rapport_test to run them.');
  }
}
