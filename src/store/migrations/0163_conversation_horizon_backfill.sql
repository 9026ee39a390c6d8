-- The default horizon of the pairs Sluis already saw before migration 0160: the day (Europe/Amsterdam)
-- of the first bericht it decided between them, from the decision summaries. Imported history and
-- rejected berichten do not count. Pairs seen for the first time later get theirs from the pipeline.
INSERT INTO conversation_horizon (standard, gemeente, aanbieder, since, bron)
SELECT decision_summary ->> 'standard', decision_summary ->> 'gemeente', decision_summary ->> 'aanbieder',
       min((received_at AT TIME ZONE 'Europe/Amsterdam')::date), 'eerste-bericht'
  FROM journal
 WHERE decision_summary IS NOT NULL AND imported_at IS NULL
   AND decision_summary ->> 'standard' IS NOT NULL AND decision_summary ->> 'gemeente' IS NOT NULL
   AND decision_summary ->> 'aanbieder' IS NOT NULL
 GROUP BY 1, 2, 3
ON CONFLICT (standard, gemeente, aanbieder) DO NOTHING
