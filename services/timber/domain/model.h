#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/barcode.h"
#include "domain/geo.h"
#include "domain/volume.h"
#include "greenlane/core/clock.h"

namespace greenlane::timber {

/// A logging company, sawmill or exporter holding concessions and issuing documents.
struct Operator {
  std::string id;  ///< UUIDv7
  std::string name;
  std::string country;              ///< ISO 3166-1 alpha-2
  std::string registration_number;  ///< the national register's number, shown on documents
};

/// How much of one species a concession may fell in one calendar year.
struct AllowableCut {
  int year = 0;
  std::string species;  ///< scientific name
  Volume volume;
};

/// A forest area an operator may log, within its polygon and its validity, up to its annual
/// allowable cut per species.
struct Concession {
  std::string id;
  std::string operator_id;
  std::string name;
  Area area;
  core::TimePoint valid_from;
  core::TimePoint valid_until;  ///< exclusive
  std::vector<AllowableCut> allowable_cuts;

  /// The allowable cut for a species and year, or nullopt when none was granted (felling refused).
  std::optional<Volume> AllowableCutFor(std::string_view species, int year) const;
};

enum class SiteKind { kForest, kLogYard, kSawmill, kPort };

/// Where wood rests between transports. Local time matters for the night rule; sites keep a fixed
/// UTC offset because the producer countries of interest (Gabon UTC+1, Liberia UTC+0, Congo
/// basin) have no daylight saving time.
struct Site {
  std::string id;
  std::string name;
  SiteKind kind = SiteKind::kForest;
  GeoPoint location;
  int utc_offset_minutes = 0;
};

/// Where a tree or piece of wood is in its life. Trees are standing or felled; logs and lots rest
/// at a site, travel on a waybill, are consumed (cross-cut into shorter logs, processed into lots)
/// or leave the country.
enum class PieceState { kStanding, kFelled, kAtSite, kInTransit, kCrossCut, kProcessed, kExported };

std::string_view PieceStateName(PieceState state);

/// The custody of a log or lot: its state, where it rests, and the document holding it (the open
/// waybill while in transit, the certificate once exported).
struct Custody {
  PieceState state = PieceState::kAtSite;
  std::string site_id;
  std::optional<Barcode> document;
};

/// A tree of the pre-harvest inventory.
struct Tree {
  Barcode barcode;
  std::string concession_id;
  std::string species;
  int dbh_cm = 0;          ///< diameter at breast height
  int bole_height_cm = 0;  ///< height of the merchantable bole
  GeoPoint location;
  PieceState state = PieceState::kStanding;
};

/// Felling a tree leaves a stump tagged with its own barcode, the proof on the ground that the tree
/// was cut where the inventory says.
struct Stump {
  Barcode barcode;
  Barcode tree;
  core::TimePoint felled_at;
  GeoPoint location;  ///< the felling point
};

/// A log cross-cut from a felled tree or from a longer log.
struct Log {
  Barcode barcode;
  Barcode parent;  ///< a tree or a log
  std::string species;
  LogMeasure measure;
  Volume volume;  ///< LogVolume(measure)
  Custody custody;
};

/// A sawmill's output of one species and product type, or a bundle of it.
struct Lot {
  Barcode barcode;
  std::string species;
  std::string product;  ///< a product type of the species' yields, e.g. "sawn"
  Volume volume;
  Custody custody;
};

/// One run of a sawmill: input logs become output lots.
struct Processing {
  std::string id;
  std::string sawmill_site_id;
  core::TimePoint processed_at;
  std::vector<Barcode> input_logs;
  std::vector<Barcode> output_lots;
};

/// A GPS fix of the truck during a transport.
struct TrackPoint {
  core::TimePoint at;
  GeoPoint position;
};

enum class WaybillState { kIssued, kInTransit, kDelivered, kCancelled };

/// A transport permit: one trip of named logs or lots from one site to another.
struct Waybill {
  Barcode barcode;
  std::string origin_site_id;
  std::string destination_site_id;
  std::string vehicle;  ///< registration plate
  std::string driver;
  std::vector<Barcode> items;  ///< logs or lots
  core::TimePoint issued_at;
  std::optional<core::TimePoint> departed_at;
  std::optional<core::TimePoint> arrived_at;
  std::vector<TrackPoint> track;
  std::vector<std::string> photo_refs;  ///< load, plate and tags, as stored object keys
  WaybillState state = WaybillState::kIssued;
};

enum class CertificateState { kIssued, kShipped };

/// An export certificate: the last document, for lots or logs leaving in one container.
struct ExportCertificate {
  Barcode barcode;
  std::vector<Barcode> items;
  std::string hs_code;                      ///< e.g. "4403.49" for tropical logs
  std::string destination_country;          ///< ISO 3166-1 alpha-2
  std::string container;                    ///< ISO 6346 container number
  std::optional<std::string> cites_permit;  ///< required when any species is CITES-listed
  core::TimePoint issued_at;
  std::optional<core::TimePoint> shipped_at;
  CertificateState state = CertificateState::kIssued;
};

}  // namespace greenlane::timber
