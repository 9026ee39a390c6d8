/**
 * Logical keys per message class, derived from the message catalog: the elements the
 * condities/constraints table marks `Sleutelelement: ja` (FACTS §9.4). TR101 ("no duplicate classes") compares a class's key with its
 * siblings'; together with the parents' keys that makes the key unique in the bericht. A test
 * checks this table against the Sleutelelement column of both rule tables.
 */
import { resolvePath } from '../../standard/access.js';
import { BERICHT_NUMMERS, CATALOG, messageDef, type SleutelKlasse } from '../../standard/catalog.js';
import type { BerichtNummer } from '../../standard/model.js';

export interface LogicalKey {
  readonly klasse: string;
  /** Element paths relative to the class. */
  readonly key: readonly string[];
  /** Whether the class can occur more than once under one parent (only then can TR101 fail). */
  readonly repeatable: boolean;
  /** The key elements that are dates (LDT_Datum): compared by value, not by text. */
  readonly dates: readonly string[];
}

/** From the catalog's key classes; whether a class repeats is the XSD's maxOccurs. */
function logicalKey(nummer: BerichtNummer, s: SleutelKlasse): LogicalKey {
  const def = resolvePath(messageDef(s.alleen ?? 'ijw', nummer).rootType, s.pad)?.at(-1);
  if (!def) throw new Error(`${nummer} has no class ${s.pad}`);
  const dates = s.sleutel.filter((k) => resolvePath(def.type, k)?.at(-1)?.type.endsWith(':LDT_Datum'));
  return { klasse: def.name, key: s.sleutel, repeatable: def.max > 1, dates };
}

export const LOGICAL_KEYS: Readonly<Partial<Record<BerichtNummer, readonly LogicalKey[]>>> = Object.fromEntries(
  BERICHT_NUMMERS.filter((n) => CATALOG[n].sleutels.length > 0).map((n) => [n, CATALOG[n].sleutels.map((s) => logicalKey(n, s))]),
);
