#pragma once

#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/error.h"
#include "store/context.h"
#include "store/findings.h"

namespace greenlane::timber::store {

/// A transport permit as the operator requests it (barcodes as printed).
struct NewWaybill {
  std::string barcode;
  std::string origin_site_id;
  std::string destination_site_id;
  std::string vehicle;
  std::string driver;
  std::vector<std::string> items;  ///< logs or lots resting at the origin
  core::TimePoint issued_at;
  std::vector<std::string> photo_refs;
  std::string owner;  ///< the facade client id issuing it (trader scoping); empty when an officer does
};

/// Transport permits and their custody guarantees: a log or lot is on at most one open waybill, and
/// is delivered before it moves again. Issuing locks the pieces (SELECT ... FOR UPDATE in barcode
/// order, so overlapping loads queue instead of deadlocking) and re-checks their custody once it
/// holds them; the partial unique index waybill_items_one_open is the last line. Every state change
/// is audited in its transaction.
class WaybillRepository {
 public:
  /// At most this many items on one waybill (a truck, not a train).
  static constexpr std::size_t kMaxItems = 500;

  explicit WaybillRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Issues a waybill and puts its items in transit. Rules: barcode.new, transport.photos,
  /// transport.night_issue, custody.transport per item. kInvalidArgument for no items, too many, an
  /// item listed twice or not a log or lot tag, an unknown site, the same origin and destination,
  /// or an empty vehicle or driver; kNotFound for an item not registered. Of concurrent waybills
  /// loading the same piece exactly one succeeds; the others get kFailedPrecondition naming the
  /// waybill that holds it.
  core::Result<Accepted<Waybill>> Issue(const NewWaybill& fields, const Caller& caller);

  /// The truck leaves: issued -> in transit.
  core::Result<Waybill> Depart(const std::string& barcode, core::TimePoint departed_at, const Caller& caller);

  /// The truck arrives with its GPS track: in transit -> delivered; the items rest at the
  /// destination and may move again. Rules: transport.speed over the track.
  core::Result<Accepted<Waybill>> Deliver(const std::string& barcode, core::TimePoint arrived_at,
                                          std::vector<TrackPoint> track, const Caller& caller);

  /// Issued -> cancelled; the items rest at the origin again. A truck on the road cannot be cancelled.
  core::Result<Waybill> Cancel(const std::string& barcode, const Caller& caller);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
