#include "store/processing_repository.h"

#include <set>

#include "domain/rules/identity.h"
#include "domain/rules/sawmill_yield.h"
#include "domain/rules/species_consistency.h"
#include "greenlane/core/uuid.h"
#include "store/codes.h"
#include "store/concession_repository.h"
#include "store/pieces.h"
#include "store/sql_time.h"

namespace greenlane::timber::store {
namespace {

constexpr const char* kInsert = "timber_processing_insert";
constexpr const char* kInsertSql =
    "INSERT INTO timber.processings (id, sawmill_site_id, species, input_dm3, output_dm3, processed_at, created_at) "
    "VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz, $7::timestamptz)";

constexpr const char* kInsertInputs = "timber_processing_inputs_insert";
constexpr const char* kInsertInputsSql =
    "INSERT INTO timber.processing_inputs (processing_id, piece) SELECT $1::uuid, unnest($2::text[])";

constexpr const char* kInsertOutputs = "timber_processing_outputs_insert";
constexpr const char* kInsertOutputsSql =
    "INSERT INTO timber.processing_outputs (processing_id, piece) SELECT $1::uuid, unnest($2::text[])";

core::Result<std::vector<Barcode>> ParseInputs(const std::vector<std::string>& inputs) {
  if (inputs.empty()) return core::Error::InvalidArgument("input_logs", "a sawmill run saws at least one log");
  if (inputs.size() > ProcessingRepository::kMaxInputs) {
    return core::Error::InvalidArgument(
        "input_logs", "at most " + std::to_string(ProcessingRepository::kMaxInputs) + " logs per run");
  }
  std::vector<Barcode> barcodes;
  std::set<Barcode> seen;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto field = "input_logs/" + std::to_string(i);
    auto barcode = Barcode::Parse(inputs[i]);
    if (!barcode.ok()) return core::Error::InvalidArgument(field, barcode.error().message);
    if (barcode->kind() != BarcodeKind::kLog) {
      return core::Error::InvalidArgument(
          field, inputs[i] + " is a " + std::string(KindName(barcode->kind())) + " tag; a sawmill saws logs");
    }
    if (!seen.insert(*barcode).second) return core::Error::InvalidArgument(field, barcode->text() + " is listed twice");
    barcodes.push_back(*barcode);
  }
  return barcodes;
}

core::Status ValidateOutputs(const std::vector<NewLot>& outputs, const SpeciesCatalog& catalog) {
  if (outputs.empty()) return core::Error::InvalidArgument("outputs", "a sawmill run produces at least one lot");
  if (outputs.size() > ProcessingRepository::kMaxOutputs) {
    return core::Error::InvalidArgument(
        "outputs", "at most " + std::to_string(ProcessingRepository::kMaxOutputs) + " lots per run");
  }
  std::set<std::string> seen;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const auto field = "outputs/" + std::to_string(i);
    if (!seen.insert(outputs[i].barcode).second) {
      return core::Error::InvalidArgument(field + "/barcode", outputs[i].barcode + " is listed twice");
    }
    if (catalog.Find(outputs[i].species) == nullptr) {
      return core::Error::InvalidArgument(field + "/species",
                                          "'" + outputs[i].species + "' is not a timber species the service knows");
    }
    if (outputs[i].product.empty() || outputs[i].product.size() > 50) {
      return core::Error::InvalidArgument(field + "/product", "a product type is 1 to 50 characters");
    }
    if (outputs[i].volume.dm3 <= 0) {
      return core::Error::InvalidArgument(field + "/volume", "a lot holds some wood; give its volume in m³");
    }
  }
  return core::Status::Ok();
}

}  // namespace

std::vector<std::pair<std::string, std::string>> ProcessingRepository::PreparedStatements() {
  return {{kInsert, kInsertSql}, {kInsertInputs, kInsertInputsSql}, {kInsertOutputs, kInsertOutputsSql}};
}

core::Result<Accepted<Processing>> ProcessingRepository::Record(const NewProcessing& fields, const Caller& caller) {
  auto inputs = ParseInputs(fields.input_logs);
  if (!inputs.ok()) return inputs.error();
  if (auto s = ValidateOutputs(fields.outputs, context_.species); !s.ok()) return s.error();
  const auto now = context_.clock.Now();
  auto connection = context_.pool.Acquire();
  pqxx::work tx(*connection);
  Findings findings;
  const auto sawmill = FindSite(tx, fields.sawmill_site_id);
  if (!sawmill || sawmill->kind != SiteKind::kSawmill) {
    return core::Error::InvalidArgument("sawmill_site_id", "'" + fields.sawmill_site_id + "' is not a sawmill site");
  }
  Processing processing{.id = core::Uuid::NewV7(context_.clock).ToString(),
                        .sawmill_site_id = sawmill->id,
                        .processed_at = fields.processed_at,
                        .input_logs = *inputs,
                        .output_lots = {}};
  const auto logs = LockPieces(tx, processing.input_logs);
  std::vector<LineageParent> parents;
  Volume input;
  for (const auto& barcode : processing.input_logs) {
    const PieceRow* log = nullptr;
    for (const auto& row : logs) {
      if (row.barcode == barcode) log = &row;
    }
    const auto state = log ? std::optional(log->custody.state) : std::nullopt;
    if (auto s = findings.Judge(CheckParent(BarcodeKind::kLot, barcode, state)); !s.ok()) return s.error();
    if (log->custody.site_id != sawmill->id) {
      return core::Error::FailedPrecondition(barcode.text() + " rests at site " + log->custody.site_id +
                                             ", not at sawmill " + sawmill->name + "; deliver it to the mill first");
    }
    parents.push_back({log->barcode, log->species});
    input += log->volume;
  }
  std::vector<ProductOutput> products;
  Volume output;
  for (const auto& lot : fields.outputs) {
    if (auto s = findings.Judge(CheckNewBarcode(lot.barcode, BarcodeKind::kLot, PieceRegistered(tx, lot.barcode)));
        !s.ok()) {
      return s.error();
    }
    const auto barcode = *Barcode::Parse(lot.barcode);
    if (auto s = findings.Judge(CheckSpeciesConsistency(barcode, lot.species, parents)); !s.ok()) return s.error();
    processing.output_lots.push_back(barcode);
    products.push_back({lot.product, lot.volume});
    output += lot.volume;
  }
  const auto& species = *context_.species.Find(parents.front().species);
  if (auto s = findings.Judge(
          CheckSawmillYield(processing.id, species, input, products, context_.rules.yield_excess_percent));
      !s.ok()) {
    return s.error();
  }
  tx.exec_prepared(kInsert, processing.id, processing.sawmill_site_id, species.scientific_name, input.dm3, output.dm3,
                   SqlTime(processing.processed_at), SqlTime(now));
  tx.exec_prepared(kInsertInputs, processing.id, BarcodeArray(processing.input_logs));
  const Custody at_mill{.state = PieceState::kAtSite, .site_id = sawmill->id, .document = std::nullopt};
  for (std::size_t i = 0; i < fields.outputs.size(); ++i) {
    const auto& lot = fields.outputs[i];
    if (!InsertPiece(tx,
                     {.barcode = processing.output_lots[i],
                      .species = lot.species,
                      .product = lot.product,
                      .volume = lot.volume,
                      .state = at_mill.state,
                      .site_id = at_mill.site_id},
                     now)) {
      return RejectionError(CheckNewBarcode(lot.barcode, BarcodeKind::kLot, true));
    }
  }
  tx.exec_prepared(kInsertOutputs, processing.id, BarcodeArray(processing.output_lots));
  SetCustody(tx, processing.input_logs, {.state = PieceState::kProcessed, .site_id = sawmill->id, .document = {}});
  auto inputs_json = nlohmann::json::array();
  for (const auto& log : processing.input_logs) inputs_json.push_back(log.text());
  auto outputs_json = nlohmann::json::array();
  for (const auto& lot : fields.outputs) {
    outputs_json.push_back(
        {{"barcode", lot.barcode}, {"species", lot.species}, {"product", lot.product}, {"volume_dm3", lot.volume.dm3}});
  }
  context_.audit.Append(tx,
                        {caller.actor, "processing.recorded", "processing", processing.id, std::nullopt,
                         nlohmann::json{{"sawmill_site_id", processing.sawmill_site_id},
                                        {"processed_at", core::FormatRfc3339(processing.processed_at, 0)},
                                        {"input_logs", inputs_json},
                                        {"input_dm3", input.dm3},
                                        {"outputs", outputs_json}},
                         caller.request_id},
                        now);
  findings.Raise(tx, context_, caller);
  CommitStep(tx, caller);
  return std::move(findings).Accept(std::move(processing));
}

}  // namespace greenlane::timber::store
