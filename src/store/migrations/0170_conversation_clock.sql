-- One version per conversation order key (an advisory-lock id, src/pipeline/conversation-order.ts): bumped in the
-- transaction that journals a bericht holding that key, so an instance sees whether another journaled for it since it decided.
CREATE TABLE IF NOT EXISTS conversation_clock (key bigint PRIMARY KEY, version bigint NOT NULL)
