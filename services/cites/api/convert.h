#pragma once

#include "domain/lifecycle.h"
#include "domain/mirror_report.h"
#include "domain/problem.h"
#include "exchange/delivery_store.h"
#include "exchange/partner_store.h"
#include "greenlane/v1/cites.pb.h"
#include "store/permit_store.h"
#include "store/quota_store.h"

namespace greenlane::cites {

/// Reads the permit boxes of `proto` through the domain's JSON reader, so a bad date or quantity is
/// named by the same field path ("lines[1].quantity") as everywhere else.
core::Result<Permit> FromProto(const v1::CitesPermit& proto);
core::Result<Endorsement> FromProto(const v1::EndorseRequest& request);
core::Result<ImportRecord> FromProto(const v1::RecordImportUseRequest& request);
Partner FromProto(const v1::CitesPartner& proto);

void ToProto(const StoredPermit& stored, bool with_token, v1::CitesPermit* proto);
void ToProto(const Problem& problem, v1::CitesProblem* proto);
void ToProto(const QuotaRow& row, v1::CitesQuota* proto);
void ToProto(const Partner& partner, v1::CitesPartner* proto);
void ToProto(const Delivery& delivery, v1::CitesDelivery* proto);
void ToProto(const MirrorLine& line, v1::CitesMirrorLine* proto);

}  // namespace greenlane::cites
