#pragma once

#include "greenlane/core/error.h"
#include "greenlane/rpc/caller.h"
#include "greenlane/v1/timber.pb.h"
#include "store/geo_repository.h"

namespace greenlane::timber {

/// ListGeoFeatures: validates the OGC-style filters (bbox, datetime, limit, page token, each refused
/// with kInvalidArgument naming it) and answers a page of the collection. Concessions are public
/// (their maps are published by the forestry administrations the design follows); transports, which
/// show where trucks and their loads move, need the officer, analyst or admin role.
core::Status ListGeoFeatures(store::GeoRepository& geo, const v1::TimberGeoFeaturesRequest& q,
                             const rpc::Caller& caller, v1::TimberGeoFeatures* r);

}  // namespace greenlane::timber
