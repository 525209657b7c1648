#pragma once

#include <string>

#include "greenlane/instruments/decimal.h"

namespace greenlane::identify::rule_support {

/// Rules compare measured percentages and concentrations with legal limits, and turn masses into
/// licence quantities: all exact, so the arithmetic runs on integers. 128 bits hold any product
/// the rules form from inputs the callers have range-checked (percentages 0–100, ppm up to 10^6,
/// masses up to 10^9 kg), whatever their scale.
using Wide = __int128;

/// `value` in units of 10^-scale. `scale` must not be below value.scale().
Wide Scaled(const instruments::Decimal& value, int scale);

/// units × 10^-from_scale rounded half away from zero to at most `to_scale` decimals (fewer when
/// from_scale is smaller). The value must fit a Decimal; callers guarantee it by their ranges.
instruments::Decimal Rounded(Wide units, int from_scale, int to_scale);

/// a + b, a − b, a × factor: exact, at the larger of the two scales.
instruments::Decimal Plus(const instruments::Decimal& a, const instruments::Decimal& b);
instruments::Decimal Minus(const instruments::Decimal& a, const instruments::Decimal& b);
instruments::Decimal Times(const instruments::Decimal& a, int factor);

/// 100 × part / whole with `digits` decimals (half away from zero), for showing a share; whole > 0.
instruments::Decimal PercentOf(Wide part, Wide whole, int digits);

/// True when lower <= value <= upper.
bool Within(const instruments::Decimal& value, const instruments::Decimal& lower, const instruments::Decimal& upper);

}  // namespace greenlane::identify::rule_support
