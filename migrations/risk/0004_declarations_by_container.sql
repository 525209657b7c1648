-- Evidence that arrives after a declaration was assessed (an XRF reading of its container taken at
-- the quay) re-assesses the declarations that list the container: found through this index rather
-- than by scanning every recent declaration.
CREATE INDEX declarations_containers_idx ON risk.declarations USING gin (containers);
