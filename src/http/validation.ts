/**
 * Request validation. Bodies are JSON and are checked exactly as sent: nothing coerced, no `[x]`
 * taken for `x`, no unknown property dropped silently. Query strings and path parameters arrive as
 * text and are converted to the types their schemas declare, and to nothing else.
 */
import { Ajv, type ErrorObject, type Options } from 'ajv';
import formatsPlugin from 'ajv-formats';
import type { FastifyError, FastifySchema, FastifySchemaCompiler, RouteOptions } from 'fastify';

// ajv-formats is CommonJS: under ESM its function is the default export's default.
const addFormats = ((formatsPlugin as unknown as { default?: unknown }).default ?? formatsPlugin) as (ajv: Ajv) => Ajv;

// allErrors stays off: collecting every error of a huge hostile body is a denial of service.
const COMMON: Options = { useDefaults: true, allErrors: false, strict: false, removeAdditional: false };

const strict = addFormats(new Ajv({ ...COMMON, coerceTypes: false }));
// `coerceTypes: true`, not 'array': a repeated query parameter stays an array and fails a scalar schema.
const fromText = addFormats(new Ajv({ ...COMMON, coerceTypes: true }));

/** Bodies are validated strictly; everything else is text converted to its declared type. */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => (httpPart === 'body' ? strict : fromText).compile(schema as object);

interface ObjectSchema {
  type?: unknown;
  properties?: Record<string, ObjectSchema>;
  additionalProperties?: unknown;
  patternProperties?: unknown;
  items?: ObjectSchema;
  anyOf?: ObjectSchema[];
  oneOf?: ObjectSchema[];
  allOf?: ObjectSchema[];
}

/**
 * A copy of a body schema in which every object refuses properties it does not declare (unless it
 * says otherwise): a misspelt `dry_run` must be an error, not a withdrawal for real.
 */
function closeObjects<T>(schema: T): T {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const s = { ...(schema as ObjectSchema) };
  if (s.properties) {
    s.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, closeObjects(v)]));
    if (s.additionalProperties === undefined && s.patternProperties === undefined) s.additionalProperties = false;
  }
  if (s.items) s.items = closeObjects(s.items);
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (s[key]) s[key] = s[key].map(closeObjects);
  }
  return s as T;
}

/** An `onRoute` hook: the body schema the route declares, closed (also as the OpenAPI document shows it). */
export function closeBodySchema(route: RouteOptions): void {
  const schema = route.schema as FastifySchema | undefined;
  if (schema?.body) schema.body = closeObjects(schema.body);
}

const fieldOfError = (e: ErrorObject): string => {
  const params = e.params as { missingProperty?: string; additionalProperty?: string };
  return [...e.instancePath.split('/').filter(Boolean), params.missingProperty ?? params.additionalProperty].filter(Boolean).join('.');
};

/**
 * The field a validation error is about, and what is wrong with it. Of a union's alternatives Ajv
 * reports each one's failure; the one that got deepest into the value is the one the caller meant.
 */
export function describeValidation(error: FastifyError): { field: string; message: string } {
  const errors = (error.validation ?? []) as ErrorObject[];
  const depth = (e: ErrorObject) => fieldOfError(e).split('.').length - (e.keyword === 'anyOf' || e.keyword === 'oneOf' ? 0.5 : 0);
  const best = errors.reduce<ErrorObject | undefined>((a, e) => (!a || depth(e) > depth(a) ? e : a), undefined);
  const field = (best && fieldOfError(best)) || error.validationContext || 'request';
  const message = best?.keyword === 'additionalProperties' ? 'is not a known field' : (best?.message ?? 'is not valid');
  return { field, message };
}
