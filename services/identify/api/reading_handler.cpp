#include "api/reading_handler.h"

#include "greenlane/core/log.h"

namespace greenlane::identify {

void ReadingHandler::operator()(pqxx::work& tx, const events::Event& event) const {
  const auto& payload = event.payload;
  const auto reading_id = payload.at("reading_id").get<std::string>();
  const auto reading_kind = payload.at("kind").get<std::string>();
  if (ResultKindOf(reading_kind).empty()) {
    log::Info("reading kind has no identification rule", {{"reading_id", reading_id}, {"kind", reading_kind}});
    return;
  }
  const auto reading = ingest_.GetReading(reading_id);
  if (!reading.ok()) {
    throw core::GreenlaneException(core::Error::NotFound(
        std::string("ingest cannot give reading ").append(reading_id).append(": ").append(reading.error().message)));
  }
  Identification answer;
  const auto reading_payload = nlohmann::json::parse(reading->payload_json(), nullptr, false);
  if (reading_payload.is_discarded()) {
    answer = InvalidReading(std::string(ResultKindOf(reading_kind)), "payload_json", "is not JSON");
  } else if (reading_kind == "qpcr") {
    answer = identifier_.IdentifyQpcrWell(reading_payload, ingest_.QpcrNeighbours(*reading));
  } else {
    answer = identifier_.IdentifyReading(reading_kind, reading_payload);
  }
  answer.reading_id = reading_id;
  const auto& consignment = payload.at("consignment");
  answer.consignment = {consignment.value("declaration", ""), consignment.value("container", ""),
                        consignment.value("item", "")};
  if (results_.Store(tx, answer)) {
    log::Info("reading identified", {{"reading_id", reading_id}, {"kind", answer.kind}, {"verdict", answer.verdict}});
  }
}

}  // namespace greenlane::identify
