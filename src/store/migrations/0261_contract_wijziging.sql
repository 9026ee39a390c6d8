-- Per version, the contracts it changed, with the contract before and after (null before: new).
-- A contract is never removed: end-dating sets periode.totEnMet (soort beeindigd).
CREATE TABLE IF NOT EXISTS contract_wijziging (
  contract_id  text NOT NULL,
  versie       bigint NOT NULL REFERENCES contract_registry_versie (versie),
  soort        text NOT NULL,
  voor         jsonb,
  na           jsonb NOT NULL,
  PRIMARY KEY (contract_id, versie)
)
