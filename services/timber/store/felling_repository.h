#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/error.h"
#include "store/context.h"
#include "store/findings.h"

namespace greenlane::timber::store {

/// A tree of the pre-harvest inventory, as the field team reports it (barcode as printed).
struct NewTree {
  std::string barcode;
  std::string concession_id;
  std::string species;
  int dbh_cm = 0;
  int bole_height_cm = 0;
  GeoPoint location;
};

/// Who registers a batch of trees: the audit name of each tree, the request, and a hook that runs in
/// the batch's transaction just before it commits, with the positions of the trees accepted (offline
/// sync records their sequence numbers this way). It may throw to abort the whole batch.
struct BatchCaller {
  std::vector<std::string> actors;
  std::string request_id;
  std::function<void(pqxx::work&, const std::vector<std::size_t>& accepted)> in_transaction = {};
};

/// Felling `tree`, tagging its stump.
struct Felling {
  std::string tree;
  std::string stump;
  core::TimePoint felled_at;
  GeoPoint location;  ///< the felling point, the GPS fix at the stump
};

/// One log cut from a tree or a longer log, with the species the crew declares.
struct NewLog {
  std::string barcode;
  std::string species;
  LogMeasure measure;
};

/// Cross-cutting a felled tree (at forest site `site_id`) or a log (where it rests; `site_id` is
/// then ignored) into logs. A log is cut once, into all its pieces; a tree may be bucked in
/// several sessions, volume conservation counting every log it gave.
struct CrossCut {
  std::string parent;
  std::string site_id;
  std::vector<NewLog> logs;
};

/// The forest end of the chain: inventory, felling and cross-cutting. Every write runs the rules of
/// its step, stores one anomaly per warning, is audited, and commits all of it in one transaction;
/// a rejection (kFailedPrecondition naming rule, value and limit) stores nothing.
class FellingRepository {
 public:
  explicit FellingRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Registers an inventory tree (standing), its volume the cylinder of its dbh and bole height.
  /// Rules: barcode.new. kInvalidArgument for an unknown species or a non-positive measure;
  /// kNotFound for an unknown concession.
  core::Result<Accepted<Tree>> RegisterTree(const NewTree& tree, const Caller& caller);

  /// RegisterTree for many trees, answered as if they were registered one after the other (a tag
  /// listed twice is taken by the first): the same rules and the same errors tree by tree, but one
  /// transaction with one barcode lookup, one lock per concession, one insert and one audit append
  /// for the batch. A refused tree leaves the others accepted. The bulk path of an offline inventory.
  std::vector<core::Result<Tree>> RegisterTrees(const std::vector<NewTree>& trees, const BatchCaller& caller);

  /// Fells a standing tree. Rules: barcode.new (the stump), lineage.parent, felling.concession_valid,
  /// felling.minimum_diameter, felling.inside_concession and felling.allowable_cut, the last counted
  /// under a lock on the concession so concurrent fellings cannot overshoot the cut together.
  core::Result<Accepted<Stump>> Fell(const Felling& felling, const Caller& caller);

  /// Cuts logs. Rules per log: barcode.new, lineage.parent, lineage.species, then
  /// lineage.volume_conservation over every log of the parent. kInvalidArgument for a measure no tape
  /// gives, a barcode listed twice, no logs, or an unknown site.
  core::Result<Accepted<std::vector<Log>>> CutLogs(const CrossCut& cut, const Caller& caller);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
