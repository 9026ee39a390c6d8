-- TR333 (DeclaratieNummer unique per aanbieder per domain): one btree entry per 323, not its prestaties.
CREATE INDEX IF NOT EXISTS journal_declaratie_nummer ON journal (((decision_summary ->> 'aanbieder')), ((decision_summary ->> 'declaratieNummer')))
  WHERE (decision_summary ->> 'nummer') = '323'
