-- An answer looks for the unanswered termijnen between its gemeente and aanbieder.
CREATE INDEX IF NOT EXISTS termijn_onbeantwoord ON termijn (gemeente, aanbieder) WHERE gesloten_door IS NULL
