-- "The registry as of T" (replay registryAsOf): the newest version recorded at or before T.
CREATE INDEX IF NOT EXISTS contract_registry_versie_tijd_idx ON contract_registry_versie (vastgelegd_op, versie)
