-- Who owns a document, for trader scoping (a trader sees and changes only its own waybills and
-- certificates): the REST facade's client id that issued it, NULL when an officer did.
ALTER TABLE timber.waybills ADD COLUMN owner text CHECK (length(owner) BETWEEN 1 AND 200);
ALTER TABLE timber.export_certificates ADD COLUMN owner text CHECK (length(owner) BETWEEN 1 AND 200);

-- Lineage walks from a piece to the documents that carried it.
CREATE INDEX export_certificate_items_piece_idx ON timber.export_certificate_items (piece);
