/** Column lists the journal's read verbs share (not a verb: no statement of its own). */

/**
 * The decision as the API shows it: the core's summary (its own column since migration 0125, so a
 * replay rewrites the decision without it) is put back as decision.summary.
 */
const DECISION_WITH_SUMMARY = `CASE WHEN decision_summary IS NULL THEN decision ELSE decision || jsonb_build_object('summary', decision_summary) END AS decision`;

/** The columns of a StoredBericht (types.ts). */
export const STORED_COLUMNS = `id, received_at, standard, bericht, bericht_code, afzender, ontvanger, sender, submitted_by, addressee, identificatie, idem_key, sha256, summary, status, ${DECISION_WITH_SUMMARY}, issues, retour_xml, duplicate_of, imported_at`;
