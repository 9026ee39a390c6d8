-- Termijnen (deadlines of the standard: OP090 retour, OP090x4 declaratie-antwoord, OP274/OP346 the
-- answer to a verzoek, OP271 after a retroactive toewijzing), opened by the bericht that starts one and
-- closed by the bericht that meets it. Derived after the journal write by the termijn tracker
-- (src/pipeline/termijn-tracker.ts, decision 0025) from the decision summary; codes and dates only.
--   sleutel: what an answer refers to (`heen:<nummer>:<afzender>:<identificatie>`, `ref:<ReferentieAanbieder>`,
--     `decl:<DeclaratieNummer>`, `tw:<ToewijzingNummer>`); sleutels: the match keys
--     `<gemeente>|<aanbieder>|<awaited message>|<sleutel>`, one per awaited message and sleutel: an
--     answer closes an unanswered termijn that has one of its own.
--   status: open, gesloten (answered on or before uiterlijk), verlopen (uiterlijk passed unanswered;
--     gesloten_door is filled in when the answer comes late).
CREATE TABLE IF NOT EXISTS termijn (
  seq            bigserial PRIMARY KEY,
  bericht_id     text NOT NULL,
  standard       text NOT NULL,
  bericht        text NOT NULL,
  regel          text NOT NULL,
  voorwaarde     text NOT NULL DEFAULT '',
  sleutel        text NOT NULL,
  sleutels       text[] NOT NULL,
  wacht_op       text[] NOT NULL,
  gemeente       text NOT NULL,
  aanbieder      text NOT NULL,
  afzender       text NOT NULL,
  schuldenaar    text NOT NULL,
  dagtekening    text NOT NULL,
  geopend_op     date NOT NULL,
  uiterlijk      date NOT NULL,
  status         text NOT NULL,
  gesloten_door  text,
  gesloten_bericht text,
  gesloten_op    date,
  verlopen_op    date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  UNIQUE (bericht_id, regel, voorwaarde, sleutel)
)
