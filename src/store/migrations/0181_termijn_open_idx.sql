-- The sweep and the answers' look-up read the unanswered termijnen only.
CREATE INDEX IF NOT EXISTS termijn_onbeantwoord ON termijn (gemeente, aanbieder) WHERE gesloten_door IS NULL
