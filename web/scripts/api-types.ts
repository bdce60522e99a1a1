/**
 * Writes web/src/lib/api-types.ts from the OpenAPI document the server builds, so the web app's
 * types follow the API and a server change that breaks the client fails to type-check.
 *
 * `npm run api-types` writes the file; test/web/api-types.test.ts fails while it is stale. The
 * document comes from the app built in this process on a throwaway in-memory SQLite database: no
 * server, port or configuration needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { loadConfig } from '../../src/config.js';
import { migrate, openDatabase } from '../../src/db/database.js';
import { buildApp } from '../../src/app.js';
import { systemClock } from '../../src/shared/clock.js';

export const API_TYPES_FILE = fileURLToPath(new URL('../src/lib/api-types.ts', import.meta.url));

const HEADER = `/**
 * The API's paths, parameters, bodies and replies, generated from the server's OpenAPI document
 * (/api/openapi.json) by \`npm run api-types\`. Do not edit: change the server's schemas and run it again.
 */
`;

/** The server's OpenAPI document, as GET /api/openapi.json serves it. */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const url = 'file::memory:';
  const handle = openDatabase(url);
  try {
    await migrate(handle.db);
    const config = loadConfig({ DATABASE_URL: url });
    const { app } = await buildApp({ db: handle.db, deps: { config, clock: systemClock, dialect: handle.dialect }, logger: false });
    try {
      await app.ready();
      // Fastify's swagger types the document with openapi-types; it is the same JSON.
      return app.swagger() as unknown as OpenAPI3;
    } finally {
      await app.close();
    }
  } finally {
    await handle.destroy();
  }
}

/** The text api-types.ts should have: the document's types, formatted as the repository formats. */
export async function generateApiTypes(doc?: OpenAPI3): Promise<string> {
  const ast = await openapiTS(doc ?? (await buildOpenApiDocument()));
  const options = (await resolveConfig(API_TYPES_FILE)) ?? {};
  return format(HEADER + astToString(ast), { ...options, parser: 'typescript' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = await generateApiTypes();
  const before = (() => {
    try {
      return readFileSync(API_TYPES_FILE, 'utf8');
    } catch {
      return '';
    }
  })();
  if (before === text) console.log('web/src/lib/api-types.ts is up to date.');
  else {
    writeFileSync(API_TYPES_FILE, text);
    console.log('Wrote web/src/lib/api-types.ts.');
  }
}
