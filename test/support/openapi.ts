/** Checks replies against the server's own OpenAPI document. */
import { Ajv2020 } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';

type Doc = {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: unknown }> }> }>>;
};

export class OpenApiChecker {
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ReturnType<Ajv2020['compile']> | null>();
  readonly #routes: { method: string; pattern: RegExp; path: string }[];
  /** Every (method path status) this checker has validated, for coverage reports. */
  readonly seen = new Set<string>();

  constructor(readonly doc: Doc) {
    this.#ajv = new Ajv2020({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its function is the default export's default.
    const addFormats = (formats as unknown as { default: (ajv: Ajv2020) => void }).default ?? (formats as unknown as (ajv: Ajv2020) => void);
    addFormats(this.#ajv);
    this.#routes = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      for (const method of Object.keys(methods)) this.#routes.push({ method: method.toUpperCase(), pattern, path });
    }
    // Static paths first, so /invitations/sent is not taken for /invitations/{id}.
    this.#routes.sort((a, b) => (a.path.includes('{') ? 1 : 0) - (b.path.includes('{') ? 1 : 0));
  }

  /** Returns a list of problems (empty when the reply matches the document). */
  check(method: string, url: string, status: number, body: unknown): string[] {
    const path = url.split('?')[0]!;
    const route = this.#routes.find((r) => r.method === method.toUpperCase() && r.pattern.test(path));
    if (!route) return [`${method} ${path} is not in the OpenAPI document`];
    const key = `${route.method} ${route.path} ${status}`;
    this.seen.add(key);
    const op = this.doc.paths[route.path]![route.method.toLowerCase()]!;
    const response = op.responses?.[String(status)];
    if (!response) return [`${key}: status ${status} is not documented`];
    if (status === 204) return [];
    if (!this.#validators.has(key)) {
      const schema = response.content?.['application/json']?.schema;
      this.#validators.set(key, schema ? this.#ajv.compile(schema as object) : null);
    }
    const validate = this.#validators.get(key);
    if (!validate) return [];
    if (validate(body)) return [];
    return [`${key}: ${this.#ajv.errorsText(validate.errors)}`];
  }
}
