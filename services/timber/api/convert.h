#pragma once

#include <google/protobuf/timestamp.pb.h>

#include <string>

#include "api/document_tokens.h"
#include "domain/model.h"
#include "domain/outcome.h"
#include "domain/species.h"
#include "greenlane/core/clock.h"
#include "greenlane/v1/timber.pb.h"
#include "store/anomaly_repository.h"
#include "store/document_repository.h"
#include "store/lineage_repository.h"
#include "store/pieces.h"

namespace greenlane::timber {

/// A protobuf Timestamp as a time point, clamped to years 1700..2240 (the rules refuse such dates).
core::TimePoint FromProto(const google::protobuf::Timestamp& timestamp);
void ToProto(core::TimePoint time, google::protobuf::Timestamp* out);
GeoPoint FromProto(const v1::GeoPoint& point);
void ToProto(const GeoPoint& point, v1::GeoPoint* out);

void ToProto(const Operator& in, v1::TimberOperator* out);
void ToProto(const Site& in, const std::string& operator_id, v1::TimberSite* out);
void ToProto(const Species& in, v1::TimberSpecies* out);
void ToProto(const store::PieceRow& in, v1::TimberPiece* out);
/// A warning a step raised (stored as an anomaly; the step answer carries the outcome).
void ToProto(const RuleOutcome& in, v1::TimberAnomaly* out);
void ToProto(const store::Anomaly& in, v1::TimberAnomaly* out);
void ToProto(const store::DocumentView& in, const std::string& token, v1::TimberDocument* out);
void ToProto(const store::DocumentView& in, core::TimePoint valid_until, v1::TimberPublicDocument* out);
void ToProto(const store::Lineage& in, const std::string& certificate_token, v1::TimberLineage* out);

}  // namespace greenlane::timber
