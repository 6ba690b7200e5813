import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Violation, excerpt, valueAt } from './violations';

/**
 * contract/openapi.json and contract/asyncapi.json, compiled once per process. Both documents
 * are registered whole under one base address, so their relative $refs (into each other too)
 * resolve; only the schemas an answer needs are compiled, on first use, and kept.
 */
type Json = any;
type DocumentName = 'openapi.json' | 'asyncapi.json';

const BASE = 'https://apex-specs.invalid/contract/';
const CONTRACT_DIR = join(__dirname, '..', '..', 'contract');

let loaded: { ajv: Ajv2020; documents: Record<DocumentName, Json> } | undefined;
const validators = new Map<string, ValidateFunction>();

function contract() {
  if (loaded) return loaded;
  // Every problem, not just the first: a failing scenario should show all that is wrong at once.
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv, ['date-time', 'email', 'uri', 'uri-reference']);
  // The documents' own top-level fields: ajv compiles a document's root when it looks inside it.
  ajv.addVocabulary(['openapi', 'jsonSchemaDialect', 'info', 'servers', 'tags', 'paths', 'components', 'asyncapi', 'defaultContentType', 'channels', 'operations']);
  const documents = {} as Record<DocumentName, Json>;
  for (const name of ['openapi.json', 'asyncapi.json'] as const) {
    documents[name] = JSON.parse(readFileSync(join(CONTRACT_DIR, name), 'utf8'));
    ajv.addSchema(documents[name], BASE + name);
  }
  loaded = { ajv, documents };
  return loaded;
}

export function documentOf(name: DocumentName): Json {
  return contract().documents[name];
}

const escapeSegment = (segment: string) => encodeURIComponent(segment.replace(/~/g, '~0').replace(/\//g, '~1'));

/** The compiled schema at a JSON pointer (as segments) of one of the documents. */
export function validatorAt(name: DocumentName, segments: string[]): ValidateFunction {
  const ref = `${BASE}${name}#/${segments.map(escapeSegment).join('/')}`;
  let validate = validators.get(ref);
  if (!validate) {
    validate = contract().ajv.getSchema(ref);
    if (!validate) throw new Error(`contract/${name} has no schema at #/${segments.join('/')}`);
    validators.set(ref, validate);
  }
  return validate;
}

/** Follows a local "#/a/b" reference inside a document, returning the node and where it lives. */
export function follow(name: DocumentName, node: Json, at: string[]): { node: Json; at: string[] } {
  while (node && typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
    at = node.$ref.slice(2).split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
    node = at.reduce((value: Json, segment) => value?.[segment], documentOf(name));
  }
  return { node, at };
}

/** Ajv's "if" errors only say that "then" failed; the errors from "then" already say why. */
const NOISE = new Set(['if']);

function ruleOf(error: ErrorObject): string {
  const params = Object.keys(error.params ?? {}).length ? ` ${JSON.stringify(error.params)}` : '';
  return `${error.message ?? 'is invalid'} [${error.keyword}${params}]`;
}

/** Validates, and turns ajv's errors into violations naming the path, the rule and the value. */
export function schemaViolations(validate: ValidateFunction, value: unknown, subject: string): Violation[] {
  if (validate(value)) return [];
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const error of validate.errors ?? []) {
    if (NOISE.has(error.keyword)) continue;
    const rule = ruleOf(error);
    const key = `${error.instancePath} ${rule}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const found = valueAt(value, error.instancePath);
    // A missing field is best seen among the fields that are there.
    const shown = error.keyword === 'required' && found && typeof found === 'object' && !Array.isArray(found) ? `an object with ${Object.keys(found).join(', ') || 'no fields'}` : excerpt(found);
    violations.push({ subject, path: error.instancePath, rule, excerpt: shown });
  }
  return violations;
}
