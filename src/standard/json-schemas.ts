/**
 * The generated JSON Schemas (schemas/{ijw,iwmo}/<ID>.schema.json) describe typed objects: what the
 * parser produces and what `buildBericht` accepts. A `TypedObjectValidator` compiles each schema
 * once, on first use, and is meant to be created once per process and passed to whoever needs it
 * (an API accepting berichten as JSON, tests of generators).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { MessageDef } from './model.js';
import { projectRoot } from '../paths.js';

export interface SchemaIssue {
  /** JSON pointer into the typed object, e.g. /Client/ToegewezenProducten/ToegewezenProduct/1/Ingangsdatum */
  readonly path: string;
  readonly message: string;
}

export class TypedObjectValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: true, unicodeRegExp: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly schemaDir: string = join(projectRoot(), 'schemas')) {}

  validate(message: MessageDef, bericht: unknown): readonly SchemaIssue[] {
    let fn = this.compiled.get(message.id);
    if (!fn) {
      const file = join(this.schemaDir, message.standard, `${message.id}.schema.json`);
      fn = this.ajv.compile(JSON.parse(readFileSync(file, 'utf8')) as object);
      this.compiled.set(message.id, fn);
    }
    if (fn(bericht)) return [];
    return (fn.errors ?? []).map((e) => ({ path: e.instancePath || '/', message: e.message ?? 'invalid' }));
  }
}
