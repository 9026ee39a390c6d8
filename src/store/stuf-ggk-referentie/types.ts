/** A StUF-GGk envelope taken in: its referentienummer (lower case), the zender, the bericht it carried. */
export interface StufReferentie {
  readonly referentienummer: string;
  readonly zender: string;
  readonly bericht_id: string;
  readonly sha256: string;
}
