-- The lineage keeps a copy of each piece's row beside it, so that GetLineage reads a certificate's
-- thousands of pieces as one contiguous index range instead of one primary-key probe into
-- timber.pieces per piece (10,000 probes cost ~17 ms of executor time; the range costs a few).
--
-- What a piece is (species, parent, measures, volume) never changes once it is written. Its custody
-- (state, site, document) is final for every piece behind an issued certificate (exported, sawn,
-- cross-cut, felled), but the copy does not rely on that: a trigger carries any custody change of a
-- piece into every lineage that holds it, so the copy cannot drift from timber.pieces.
ALTER TABLE timber.certificate_lineage
  ADD COLUMN species          text,
  ADD COLUMN parent           text,
  ADD COLUMN concession_id    uuid,
  ADD COLUMN dbh_cm           integer,
  ADD COLUMN bole_height_cm   integer,
  ADD COLUMN butt_diameter_cm integer,
  ADD COLUMN top_diameter_cm  integer,
  ADD COLUMN length_cm        integer,
  ADD COLUMN product          text,
  ADD COLUMN volume_dm3       bigint,
  ADD COLUMN state            text,
  ADD COLUMN site_id          uuid,
  ADD COLUMN document         text;

UPDATE timber.certificate_lineage l
SET species = p.species, parent = p.parent, concession_id = p.concession_id, dbh_cm = p.dbh_cm,
    bole_height_cm = p.bole_height_cm, butt_diameter_cm = p.butt_diameter_cm,
    top_diameter_cm = p.top_diameter_cm, length_cm = p.length_cm, product = p.product,
    volume_dm3 = p.volume_dm3, state = p.state, site_id = p.site_id, document = p.document
FROM timber.pieces p
WHERE p.barcode = l.piece;

ALTER TABLE timber.certificate_lineage
  ALTER COLUMN species SET NOT NULL,
  ALTER COLUMN volume_dm3 SET NOT NULL,
  ALTER COLUMN state SET NOT NULL;

-- The trigger finds a piece's lineages by piece.
CREATE INDEX certificate_lineage_piece_idx ON timber.certificate_lineage (piece);

CREATE FUNCTION timber.certificate_lineage_follow_custody() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE timber.certificate_lineage
  SET state = NEW.state, site_id = NEW.site_id, document = NEW.document
  WHERE piece = NEW.barcode;
  RETURN NULL;
END
$$;

CREATE TRIGGER pieces_custody_to_lineage
AFTER UPDATE OF state, site_id, document ON timber.pieces
FOR EACH ROW
WHEN (OLD.state IS DISTINCT FROM NEW.state OR OLD.site_id IS DISTINCT FROM NEW.site_id
      OR OLD.document IS DISTINCT FROM NEW.document)
EXECUTE FUNCTION timber.certificate_lineage_follow_custody();

-- The waybills that carried the pieces of each lineage, and how many of them. Like the pieces, they
-- are fixed at issue: only wood resting at a site can be loaded (rule custody.transport), and no
-- piece behind an issued certificate rests anywhere any more. GetLineage joins these few rows to
-- timber.waybills for their current state instead of joining thousands of pieces to waybill_items.
CREATE TABLE timber.certificate_lineage_waybills (
  certificate      text NOT NULL REFERENCES timber.export_certificates (barcode),
  waybill          text NOT NULL REFERENCES timber.waybills (barcode),
  items_in_lineage integer NOT NULL CHECK (items_in_lineage > 0),
  PRIMARY KEY (certificate, waybill)
);

INSERT INTO timber.certificate_lineage_waybills (certificate, waybill, items_in_lineage)
SELECT l.certificate, i.waybill, count(*)
FROM timber.certificate_lineage l JOIN timber.waybill_items i ON i.piece = l.piece
GROUP BY l.certificate, i.waybill;
