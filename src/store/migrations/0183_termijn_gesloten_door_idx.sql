-- GET /api/v1/berichten/{id}: the heenberichten an answer closed termijnen of.
CREATE INDEX IF NOT EXISTS termijn_gesloten_door ON termijn (gesloten_door) WHERE gesloten_door IS NOT NULL
