/**
 * Logical keys per message class: the elements the condities/constraints table marks
 * `Sleutelelement: ja` (FACTS §9.4). TR101 ("no duplicate classes") compares a class's key with its
 * siblings'; together with the parents' keys that makes the key unique in the bericht. A test
 * checks this table against the Sleutelelement column of both rule tables.
 */
import type { BerichtNummer } from '../../standard/model.js';

export interface LogicalKey {
  readonly klasse: string;
  /** Element paths relative to the class. */
  readonly key: readonly string[];
  /** Whether the class can occur more than once under one parent (only then can TR101 fail). */
  readonly repeatable: boolean;
}

export const LOGICAL_KEYS: Readonly<Partial<Record<BerichtNummer, readonly LogicalKey[]>>> = {
  '301': [
    { klasse: 'Client', key: ['Bsn'], repeatable: false },
    { klasse: 'Relatie', key: ['Nummer'], repeatable: true },
    { klasse: 'Contact', key: ['Soort'], repeatable: true },
    { klasse: 'ToegewezenProduct', key: ['ToewijzingNummer'], repeatable: true },
  ],
  '305': [
    { klasse: 'Client', key: ['Bsn'], repeatable: false },
    { klasse: 'StartProduct', key: ['ToewijzingNummer', 'Product/Categorie', 'Product/Code', 'Begindatum'], repeatable: true },
  ],
  '307': [
    { klasse: 'Client', key: ['Bsn'], repeatable: false },
    {
      klasse: 'StopProduct',
      key: ['ToewijzingNummer', 'Product/Categorie', 'Product/Code', 'Begindatum', 'RedenBeeindiging', 'Einddatum'],
      repeatable: true,
    },
  ],
  '315': [
    { klasse: 'Client', key: ['Bsn'], repeatable: false },
    { klasse: 'AangevraagdProduct', key: ['ReferentieAanbieder'], repeatable: true },
  ],
  '317': [
    { klasse: 'Client', key: ['Bsn'], repeatable: false },
    { klasse: 'Verzoek', key: ['ReferentieAanbieder'], repeatable: false },
    { klasse: 'OngewijzigdProduct', key: ['ToewijzingNummer'], repeatable: true },
    { klasse: 'TeWijzigenProduct', key: ['ToewijzingNummer'], repeatable: true },
    { klasse: 'NieuwProduct', key: ['Product/Categorie', 'Product/Code', 'GewensteIngangsdatum'], repeatable: true },
  ],
  '319': [
    { klasse: 'Antwoord', key: ['ReferentieAanbieder', 'VerzoekAntwoord'], repeatable: false },
    { klasse: 'Woonplaatsbeginsel', key: ['Gemeente'], repeatable: false },
  ],
  '323': [
    { klasse: 'Declaratie', key: ['DeclaratieNummer'], repeatable: false },
    { klasse: 'Client', key: ['Bsn'], repeatable: true },
    { klasse: 'Prestatie', key: ['ProductReferentie/ReferentieNummer', 'ProductReferentie/VorigReferentieNummer'], repeatable: true },
  ],
  '325': [
    { klasse: 'DeclaratieAntwoord', key: ['DeclaratieNummer'], repeatable: false },
    { klasse: 'Client', key: ['Bsn'], repeatable: true },
    { klasse: 'Prestatie', key: ['ProductReferentie/ReferentieNummer', 'ProductReferentie/VorigReferentieNummer'], repeatable: true },
  ],
};
