-- The pieces behind each export certificate (its lots and logs, the logs sawn into its lots, and every
-- log, tree and stump above them), written in the transaction that issues it. Wood only moves one way
-- and exported pieces never change, so a certificate's lineage is fixed at issue: GetLineage reads it
-- by index instead of walking parent pointers on every call, and joins it where it sent arrays of
-- thousands of barcodes. Waybill states and anomalies are still read live.
CREATE TABLE timber.certificate_lineage (
  certificate text NOT NULL REFERENCES timber.export_certificates (barcode),
  piece       text NOT NULL REFERENCES timber.pieces (barcode),
  PRIMARY KEY (certificate, piece)
);

-- Certificates issued before this migration, by the same walk the store runs at issue.
INSERT INTO timber.certificate_lineage (certificate, piece)
SELECT c.barcode, walk.barcode
FROM timber.export_certificates c,
LATERAL (
  WITH RECURSIVE items AS (SELECT piece FROM timber.export_certificate_items WHERE certificate = c.barcode),
  below AS (
    SELECT piece AS barcode FROM items
    UNION
    SELECT i.piece FROM items JOIN timber.processing_outputs o ON o.piece = items.piece
    JOIN timber.processing_inputs i ON i.processing_id = o.processing_id),
  up(barcode) AS (
    SELECT DISTINCT p.parent FROM below JOIN timber.pieces p ON p.barcode = below.barcode WHERE p.parent IS NOT NULL
    UNION
    SELECT p.parent FROM up JOIN timber.pieces p ON p.barcode = up.barcode WHERE p.parent IS NOT NULL)
  SELECT barcode FROM timber.pieces
  WHERE barcode IN (SELECT barcode FROM below UNION ALL SELECT barcode FROM up)
     OR (kind = 'stump' AND parent IN (SELECT barcode FROM up))
) walk;
