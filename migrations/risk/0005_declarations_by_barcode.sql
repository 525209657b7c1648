-- The timber barcodes (certificate, waybills, pieces) a declaration's documents covered when it was
-- assessed, as timber's lineage named them: a timber anomaly raised later on one of them
-- re-assesses the declaration, found through this index like a container's evidence.
ALTER TABLE risk.declarations ADD COLUMN barcodes text[] NOT NULL DEFAULT '{}';
CREATE INDEX declarations_barcodes_idx ON risk.declarations USING gin (barcodes);
