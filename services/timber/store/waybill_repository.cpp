#include "store/waybill_repository.h"

#include "domain/lifecycle.h"
#include "domain/rules/custody.h"
#include "domain/rules/identity.h"
#include "domain/rules/transport.h"
#include "store/codes.h"
#include "store/concession_repository.h"
#include "store/item_list.h"
#include "store/pieces.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kExists = "timber_waybill_exists";
constexpr const char* kExistsSql = "SELECT EXISTS (SELECT 1 FROM timber.waybills WHERE barcode = $1)";

constexpr const char* kInsert = "timber_waybill_insert";
constexpr const char* kInsertSql =
    "INSERT INTO timber.waybills (barcode, origin_site_id, destination_site_id, vehicle, driver, photo_refs, state, "
    "issued_at, created_at, owner) VALUES ($1, $2::uuid, $3::uuid, $4, $5, $6::text[], $7, $8::timestamptz, "
    "$9::timestamptz, NULLIF($10, '')) "
    "ON CONFLICT (barcode) DO NOTHING RETURNING barcode";

constexpr const char* kInsertItems = "timber_waybill_items_insert";
constexpr const char* kInsertItemsSql =
    "INSERT INTO timber.waybill_items (waybill, piece) SELECT $1, unnest($2::text[])";

constexpr const char* kOpenWaybillOf = "timber_waybill_open_of";
constexpr const char* kOpenWaybillOfSql =
    "SELECT waybill, piece FROM timber.waybill_items WHERE open AND piece = ANY($1::text[]) ORDER BY piece LIMIT 1";

constexpr const char* kLock = "timber_waybill_lock";
constexpr const char* kLockSql =
    "SELECT barcode, origin_site_id::text, destination_site_id::text, vehicle, driver, "
    "array_to_json(photo_refs)::text, "
    "state, (extract(epoch FROM issued_at) * 1000000)::bigint, (extract(epoch FROM departed_at) * 1000000)::bigint, "
    "(extract(epoch FROM arrived_at) * 1000000)::bigint FROM timber.waybills WHERE barcode = $1 FOR UPDATE";

constexpr const char* kItems = "timber_waybill_items";
constexpr const char* kItemsSql = "SELECT piece FROM timber.waybill_items WHERE waybill = $1 ORDER BY piece";

constexpr const char* kSetState = "timber_waybill_set_state";
constexpr const char* kSetStateSql =
    "UPDATE timber.waybills SET state = $2, departed_at = coalesce(NULLIF($3, '')::timestamptz, departed_at), "
    "arrived_at = coalesce(NULLIF($4, '')::timestamptz, arrived_at) WHERE barcode = $1";

constexpr const char* kCloseItems = "timber_waybill_items_close";
constexpr const char* kCloseItemsSql = "UPDATE timber.waybill_items SET open = false WHERE waybill = $1";

constexpr const char* kInsertTrackPoint = "timber_waybill_track_insert";
constexpr const char* kInsertTrackPointSql =
    "INSERT INTO timber.waybill_track_points (waybill, seq, at, longitude, latitude) "
    "VALUES ($1, $2, $3::timestamptz, $4, $5)";

constexpr std::size_t kMaxTrackPoints = 100000;

std::optional<core::TimePoint> OptionalTime(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return TimeFromMicros(field.as<std::int64_t>());
}

std::optional<Waybill> LockWaybill(pqxx::work& tx, const std::string& barcode) {
  const auto rows = tx.exec_prepared(kLock, barcode);
  if (rows.empty()) return std::nullopt;
  const auto& row = rows[0];
  const auto state = ParseWaybillStateCode(row[6].as<std::string>());
  if (!state) throw core::GreenlaneException(core::Error::Internal("waybill " + barcode + " has an unknown state"));
  Waybill waybill{.barcode = StoredBarcode(row[0].as<std::string>()),
                  .origin_site_id = row[1].as<std::string>(),
                  .destination_site_id = row[2].as<std::string>(),
                  .vehicle = row[3].as<std::string>(),
                  .driver = row[4].as<std::string>(),
                  .items = {},
                  .issued_at = TimeFromMicros(row[7].as<std::int64_t>()),
                  .departed_at = OptionalTime(row[8]),
                  .arrived_at = OptionalTime(row[9]),
                  .track = {},
                  .photo_refs = nlohmann::json::parse(row[5].as<std::string>()).get<std::vector<std::string>>(),
                  .state = *state};
  for (const auto& item : tx.exec_prepared(kItems, barcode)) waybill.items.push_back(StoredBarcode(item[0].c_str()));
  return waybill;
}

nlohmann::json WaybillJson(const Waybill& waybill) {
  auto items = nlohmann::json::array();
  for (const auto& item : waybill.items) items.push_back(item.text());
  const auto time = [](const std::optional<core::TimePoint>& t) {
    return t ? nlohmann::json(core::FormatRfc3339(*t, 0)) : nlohmann::json();
  };
  return {{"state", WaybillStateCode(waybill.state)},
          {"origin_site_id", waybill.origin_site_id},
          {"destination_site_id", waybill.destination_site_id},
          {"vehicle", waybill.vehicle},
          {"driver", waybill.driver},
          {"items", items},
          {"photo_refs", waybill.photo_refs},
          {"issued_at", core::FormatRfc3339(waybill.issued_at, 0)},
          {"departed_at", time(waybill.departed_at)},
          {"arrived_at", time(waybill.arrived_at)}};
}

// A text[] literal of free text: each element quoted, with quotes and backslashes escaped.
std::string TextArray(const std::vector<std::string>& values) {
  std::string literal = "{";
  for (const auto& value : values) {
    if (literal.size() > 1) literal += ',';
    literal += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') literal += '\\';
      literal += c;
    }
    literal += '"';
  }
  return literal + "}";
}

core::Status ValidateFields(const NewWaybill& fields) {
  if (fields.vehicle.empty() || fields.vehicle.size() > 20) {
    return core::Error::InvalidArgument("vehicle", "the registration plate must be 1 to 20 characters");
  }
  if (fields.driver.empty() || fields.driver.size() > 200) {
    return core::Error::InvalidArgument("driver", "the driver's name must be 1 to 200 characters");
  }
  for (std::size_t i = 0; i < fields.photo_refs.size(); ++i) {
    if (fields.photo_refs[i].empty() || fields.photo_refs[i].size() > 500) {
      return core::Error::InvalidArgument("photo_refs/" + std::to_string(i),
                                          "a photo reference is 1 to 500 characters");
    }
  }
  if (fields.photo_refs.size() > 50) return core::Error::InvalidArgument("photo_refs", "at most 50 photos");
  if (fields.origin_site_id == fields.destination_site_id) {
    return core::Error::InvalidArgument("destination_site_id", "the destination is the origin; a waybill moves wood");
  }
  return core::Status::Ok();
}

core::Status ValidateTrack(const std::vector<TrackPoint>& track) {
  if (track.size() > kMaxTrackPoints) {
    return core::Error::InvalidArgument("track", "at most " + std::to_string(kMaxTrackPoints) + " points");
  }
  for (std::size_t i = 0; i < track.size(); ++i) {
    const auto& p = track[i].position;
    if (p.longitude < -180 || p.longitude > 180 || p.latitude < -90 || p.latitude > 90) {
      return core::Error::InvalidArgument("track/" + std::to_string(i),
                                          "longitude must lie in [-180, 180] and latitude in [-90, 90]");
    }
  }
  return core::Status::Ok();
}

core::Error UnknownWaybill(const std::string& barcode) {
  return core::Error::NotFound("no waybill with number '" + barcode + "'");
}

}  // namespace

std::vector<std::pair<std::string, std::string>> WaybillRepository::PreparedStatements() {
  return {{kExists, kExistsSql},
          {kInsert, kInsertSql},
          {kInsertItems, kInsertItemsSql},
          {kOpenWaybillOf, kOpenWaybillOfSql},
          {kLock, kLockSql},
          {kItems, kItemsSql},
          {kSetState, kSetStateSql},
          {kCloseItems, kCloseItemsSql},
          {kInsertTrackPoint, kInsertTrackPointSql}};
}

core::Result<Accepted<Waybill>> WaybillRepository::Issue(const NewWaybill& fields, const Caller& caller) {
  if (auto s = ValidateFields(fields); !s.ok()) return s.error();
  auto items = ParseItemList(fields.items, kMaxItems);
  if (!items.ok()) return items.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  const bool registered = tx.exec_prepared(kExists, fields.barcode)[0][0].as<bool>();
  if (auto s = findings.Judge(CheckNewBarcode(fields.barcode, BarcodeKind::kWaybill, registered)); !s.ok()) {
    return s.error();
  }
  const auto origin = FindSite(tx, fields.origin_site_id);
  if (!origin) return core::Error::InvalidArgument("origin_site_id", "no site with id '" + fields.origin_site_id + "'");
  if (!FindSite(tx, fields.destination_site_id)) {
    return core::Error::InvalidArgument("destination_site_id", "no site with id '" + fields.destination_site_id + "'");
  }
  Waybill waybill{.barcode = *Barcode::Parse(fields.barcode),
                  .origin_site_id = origin->id,
                  .destination_site_id = fields.destination_site_id,
                  .vehicle = fields.vehicle,
                  .driver = fields.driver,
                  .items = *items,
                  .issued_at = fields.issued_at,
                  .departed_at = std::nullopt,
                  .arrived_at = std::nullopt,
                  .track = {},
                  .photo_refs = fields.photo_refs,
                  .state = WaybillState::kIssued};
  const auto& rules = context_.rules;
  if (auto s = findings.Judge(CheckPhotos(waybill.barcode, waybill.photo_refs.size(), rules.minimum_photos)); !s.ok()) {
    return s.error();
  }
  if (auto s = findings.Judge(CheckNightIssue(waybill.barcode, *origin, waybill.issued_at, rules.night_window));
      !s.ok()) {
    return s.error();
  }
  const auto pieces = LockPieces(tx, waybill.items);
  if (auto s = RequireAll(waybill.items, pieces); !s.ok()) return s.error();
  for (const auto& piece : pieces) {
    if (auto s = findings.Judge(CheckLoadable(piece.barcode, piece.custody, origin->id)); !s.ok()) return s.error();
  }
  if (tx.exec_prepared(kInsert, waybill.barcode.text(), waybill.origin_site_id, waybill.destination_site_id,
                       waybill.vehicle, waybill.driver, TextArray(waybill.photo_refs),
                       std::string(WaybillStateCode(waybill.state)), SqlTime(waybill.issued_at), SqlTime(now),
                       fields.owner)
          .empty()) {
    return RejectionError(CheckNewBarcode(fields.barcode, BarcodeKind::kWaybill, true));
  }
  try {
    tx.exec_prepared(kInsertItems, waybill.barcode.text(), BarcodeArray(waybill.items));
  } catch (const pqxx::unique_violation&) {
    // Only a writer that skipped the piece locks gets here; answer as the locks would have.
    tx.abort();
    pqxx::read_transaction read(*connection);
    const auto holder = read.exec_prepared(kOpenWaybillOf, BarcodeArray(waybill.items));
    const auto held_by = holder.empty() ? std::string("another waybill") : holder[0][0].as<std::string>();
    const auto piece = holder.empty() ? std::string("a piece") : holder[0][1].as<std::string>();
    return core::Error::FailedPrecondition("rule custody.transport refused " + piece + ": it is on open waybill " +
                                           held_by + "; deliver that waybill first");
  }
  SetCustody(tx, waybill.items, {.state = PieceState::kInTransit, .site_id = {}, .document = waybill.barcode});
  context_.audit.Append(tx,
                        {caller.actor, "waybill.issued", "waybill", waybill.barcode.text(), std::nullopt,
                         WaybillJson(waybill), caller.request_id},
                        now);
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(waybill));
}

core::Result<Waybill> WaybillRepository::Depart(const std::string& barcode, core::TimePoint departed_at,
                                                const Caller& caller) {
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  auto waybill = LockWaybill(tx, barcode);
  if (!waybill) return UnknownWaybill(barcode);
  auto next = NextWaybillState(waybill->state, WaybillEvent::kDepart);
  if (!next.ok()) return next.error();
  if (departed_at < waybill->issued_at) {
    return core::Error::InvalidArgument(
        "departed_at", "is before the waybill was issued at " + core::FormatRfc3339(waybill->issued_at, 0));
  }
  const auto before = WaybillJson(*waybill);
  waybill->state = *next;
  waybill->departed_at = departed_at;
  tx.exec_prepared(kSetState, barcode, std::string(WaybillStateCode(waybill->state)), SqlTime(departed_at), "");
  context_.audit.Append(
      tx, {caller.actor, "waybill.departed", "waybill", barcode, before, WaybillJson(*waybill), caller.request_id},
      now);
  CommitStep(tx, caller);
  return *waybill;
}

core::Result<Accepted<Waybill>> WaybillRepository::Deliver(const std::string& barcode, core::TimePoint arrived_at,
                                                           std::vector<TrackPoint> track, const Caller& caller) {
  if (auto s = ValidateTrack(track); !s.ok()) return s.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  auto waybill = LockWaybill(tx, barcode);
  if (!waybill) return UnknownWaybill(barcode);
  auto next = NextWaybillState(waybill->state, WaybillEvent::kDeliver);
  if (!next.ok()) return next.error();
  if (arrived_at < *waybill->departed_at) {
    return core::Error::InvalidArgument(
        "arrived_at", "is before the truck departed at " + core::FormatRfc3339(*waybill->departed_at, 0));
  }
  if (auto s = findings.Judge(CheckTrackSpeed(waybill->barcode, track, context_.rules.speed_kmh)); !s.ok()) {
    return s.error();
  }
  const auto before = WaybillJson(*waybill);
  waybill->state = *next;
  waybill->arrived_at = arrived_at;
  waybill->track = std::move(track);
  tx.exec_prepared(kSetState, barcode, std::string(WaybillStateCode(waybill->state)), "", SqlTime(arrived_at));
  for (std::size_t i = 0; i < waybill->track.size(); ++i) {
    const auto& point = waybill->track[i];
    tx.exec_prepared(kInsertTrackPoint, barcode, static_cast<int>(i), SqlTime(point.at), point.position.longitude,
                     point.position.latitude);
  }
  tx.exec_prepared(kCloseItems, barcode);
  // Locked in barcode order before the UPDATE, which would lock them in whatever order it scans.
  LockPieces(tx, waybill->items);
  SetCustody(tx, waybill->items,
             {.state = PieceState::kAtSite, .site_id = waybill->destination_site_id, .document = std::nullopt});
  auto after = WaybillJson(*waybill);
  after["track_points"] = waybill->track.size();
  context_.audit.Append(tx, {caller.actor, "waybill.delivered", "waybill", barcode, before, after, caller.request_id},
                        now);
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(*waybill));
}

core::Result<Waybill> WaybillRepository::Cancel(const std::string& barcode, const Caller& caller) {
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  auto waybill = LockWaybill(tx, barcode);
  if (!waybill) return UnknownWaybill(barcode);
  auto next = NextWaybillState(waybill->state, WaybillEvent::kCancel);
  if (!next.ok()) return next.error();
  const auto before = WaybillJson(*waybill);
  waybill->state = *next;
  tx.exec_prepared(kSetState, barcode, std::string(WaybillStateCode(waybill->state)), "", "");
  tx.exec_prepared(kCloseItems, barcode);
  // Locked in barcode order before the UPDATE, which would lock them in whatever order it scans.
  LockPieces(tx, waybill->items);
  SetCustody(tx, waybill->items,
             {.state = PieceState::kAtSite, .site_id = waybill->origin_site_id, .document = std::nullopt});
  context_.audit.Append(
      tx, {caller.actor, "waybill.cancelled", "waybill", barcode, before, WaybillJson(*waybill), caller.request_id},
      now);
  CommitStep(tx, caller);
  return *waybill;
}

}  // namespace greenlane::timber::store
