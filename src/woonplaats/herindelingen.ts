/**
 * Gemeentelijke herindelingen as facts: on `datum` the `oud` gemeenten ceased to exist and their
 * territory went to `nieuw`. TR378 allows an old code when it was valid on the (Toewijzing)Ingangsdatum
 * (FACTS §9.3, §12.2), and a woonplaats expectation in an old code must be compared in today's code.
 *
 * Partial on purpose: the herindelingen of 2021–2023 that the 2026 CBS list in
 * ../shared/istandaarden/codelists reflects (1979, 1980, 1982, 1991, 1992 are in it; the old codes are
 * not). Older herindelingen are not encoded; a code from before 2021 that is not in the list stays
 * unknown. Verify against CBS "Gemeentelijke indeling op 1 januari <jaar>" before adding.
 */

export interface Herindeling {
  /** First day of the new indeling (the old codes are valid up to the day before). */
  readonly datum: string;
  readonly nieuw: string;
  readonly nieuweNaam: string;
  /**
   * `nieuw`: a new gemeente with a new code, valid from `datum`. `toevoeging`: an existing gemeente
   * absorbs others and keeps its code (valid before and after).
   */
  readonly soort: 'nieuw' | 'toevoeging';
  readonly oud: readonly { readonly code: string; readonly naam: string }[];
  /** Where the fact comes from. */
  readonly bron: string;
}

export const HERINDELINGEN: readonly Herindeling[] = [
  {
    datum: '2021-01-01',
    nieuw: '1979',
    nieuweNaam: 'Eemsdelta',
    soort: 'nieuw',
    oud: [
      { code: '0003', naam: 'Appingedam' },
      { code: '0010', naam: 'Delfzijl' },
      { code: '0024', naam: 'Loppersum' },
    ],
    bron: 'CBS, Gemeentelijke indeling op 1 januari 2021',
  },
  {
    datum: '2022-01-01',
    nieuw: '1980',
    nieuweNaam: 'Dijk en Waard',
    soort: 'nieuw',
    oud: [
      { code: '0398', naam: 'Heerhugowaard' },
      { code: '0416', naam: 'Langedijk' },
    ],
    bron: 'CBS, 345 gemeenten op 1 januari 2022 (CBS news item, December 2021)',
  },
  {
    datum: '2022-01-01',
    nieuw: '1982',
    nieuweNaam: 'Land van Cuijk',
    soort: 'nieuw',
    oud: [
      { code: '0756', naam: 'Boxmeer' },
      { code: '1684', naam: 'Cuijk' },
      { code: '0786', naam: 'Grave' },
      { code: '0815', naam: 'Mill en Sint Hubert' },
      { code: '1702', naam: 'Sint Anthonis' },
    ],
    bron: 'CBS, 345 gemeenten op 1 januari 2022 (CBS news item, December 2021)',
  },
  {
    datum: '2022-01-01',
    nieuw: '1991',
    nieuweNaam: 'Maashorst',
    soort: 'nieuw',
    oud: [
      { code: '1685', naam: 'Landerd' },
      { code: '0856', naam: 'Uden' },
    ],
    bron: 'CBS, 345 gemeenten op 1 januari 2022 (CBS news item, December 2021)',
  },
  {
    datum: '2022-01-01',
    nieuw: '0439',
    nieuweNaam: 'Purmerend',
    soort: 'toevoeging',
    oud: [{ code: '0370', naam: 'Beemster' }],
    bron: 'CBS, 345 gemeenten op 1 januari 2022 (CBS news item, December 2021)',
  },
  {
    datum: '2022-03-24',
    nieuw: '0363',
    nieuweNaam: 'Amsterdam',
    soort: 'toevoeging',
    oud: [{ code: '0457', naam: 'Weesp' }],
    bron: 'CBS, 344 gemeenten from 24 March 2022 (Weesp joins Amsterdam)',
  },
  {
    datum: '2023-01-01',
    nieuw: '1992',
    nieuweNaam: 'Voorne aan Zee',
    soort: 'nieuw',
    oud: [
      { code: '0501', naam: 'Brielle' },
      { code: '0530', naam: 'Hellevoetsluis' },
      { code: '0614', naam: 'Westvoorne' },
    ],
    bron: 'Wet samenvoeging gemeenten Brielle, Hellevoetsluis en Westvoorne (Eerste Kamer 35967, adopted 12 July 2022)',
  },
];
