-- The state horizon (OP095) per gemeente–aanbieder pair and domain: the date since which Sluis saw all
-- their traffic. Set to the date of the first bericht Sluis decided between them (bron 'eerste-bericht');
-- `sluis import` moves it back to the earliest imported Dagtekening (bron 'import'). Never moves forward.
CREATE TABLE IF NOT EXISTS conversation_horizon (
  standard   text NOT NULL,
  gemeente   text NOT NULL,
  aanbieder  text NOT NULL,
  since      date NOT NULL,
  bron       text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (standard, gemeente, aanbieder)
)
