/**
 * The web app's API types are generated from the server's OpenAPI document; a server change that
 * the committed web/src/lib/api-types.ts does not reflect fails here (run `npm run api-types`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, buildOpenApiDocument, generateApiTypes } from '../../web/scripts/api-types.js';

describe('the web app’s API types', () => {
  it('are what the server’s OpenAPI document generates today', async () => {
    const committed = readFileSync(API_TYPES_FILE, 'utf8');
    const fresh = await generateApiTypes();
    expect(fresh === committed, 'web/src/lib/api-types.ts is stale: run `npm run api-types` and commit it').toBe(true);
  });

  it('follow a change of the document', async () => {
    // A reply field renamed on the server is a different generated type, so the check above can fail.
    const doc = await buildOpenApiDocument();
    const renamed = JSON.parse(JSON.stringify(doc).replaceAll('"inboxUnread"', '"inboxUnreadRenamed"')) as typeof doc;
    const changed = await generateApiTypes(renamed);
    expect(changed).not.toBe(readFileSync(API_TYPES_FILE, 'utf8'));
    expect(changed).toContain('inboxUnreadRenamed');
  });
});
