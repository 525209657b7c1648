#pragma once

#include <span>

#include "domain/refrigerant/refrigerant_table.h"

namespace greenlane::identify::refrigerant {

/// A component as the 3827 rules see it: a substance and its mass %.
struct MixturePart {
  const Substance* substance = nullptr;  ///< nullptr for what the table does not know: it meets no condition
  instruments::Decimal percent;
};

/// The first HS 3827 rule of the table whose conditions all hold for the mixture. Percentages are
/// shares of the sum of `parts` (so a measured mixture is judged with air excluded); a class is
/// contained when a part of that class is above zero. The table's last rule has no condition, so
/// there is always an answer.
const HsRule& ClassifyMixture(std::span<const MixturePart> parts, const RefrigerantTable& table);

}  // namespace greenlane::identify::refrigerant
