-- The access log of personal data (decision 0033, NEN 7513 style): every read of a bericht, its XML,
-- its retour, or a list of berichten, by whom (actor_soort operator|gemeente|aanbieder|cli, actor the
-- operator's name or the party's code, sleutel the API key id), when, through which route (api,
-- console, cli) and what (lezing, bericht_id). Ids and codes only: never a BSN or a name of a client.
-- Apart from the application log; append-only (0272).
CREATE TABLE IF NOT EXISTS toegangslog (
  seq          bigserial PRIMARY KEY,
  gelezen_op   timestamptz NOT NULL,
  actor_soort  text NOT NULL,
  actor        text NOT NULL,
  sleutel      text,
  route        text NOT NULL,
  lezing       text NOT NULL,
  bericht_id   text NOT NULL
)
