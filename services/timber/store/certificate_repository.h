#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/model.h"
#include "greenlane/core/error.h"
#include "store/context.h"

namespace greenlane::timber::store {

/// An export certificate as the exporter requests it (barcodes as printed).
struct NewCertificate {
  std::string barcode;
  std::vector<std::string> items;  ///< logs or lots resting at a site
  std::string hs_code;
  std::string destination_country;
  std::string container;
  std::optional<std::string> cites_permit;
  core::TimePoint issued_at;
  std::string owner;  ///< the facade client id issuing it (trader scoping); empty when an officer does
};

/// Export certificates, the last document: a piece leaves the country at most once. Issuing locks
/// the pieces in barcode order and re-checks custody.export once it holds them, so of concurrent
/// certificates naming the same piece exactly one succeeds; the unique index on
/// export_certificate_items(piece) is the last line, its violation answered like the rule.
class CertificateRepository {
 public:
  /// At most this many items on one certificate (one container).
  static constexpr std::size_t kMaxItems = 2000;

  explicit CertificateRepository(const StoreContext& context) : context_(context) {}

  static std::vector<std::pair<std::string, std::string>> PreparedStatements();

  /// Issues the certificate, marks its items exported and publishes timber.certificate.issued, all
  /// in one transaction. Rules: barcode.new, custody.export per item ("already exported under
  /// certificate X" for the losers of a race), certificate.cites_permit. kInvalidArgument for a bad
  /// item list, an HS code that is not NNNN[.NN[.NN]], a country that is not ISO alpha-2 or an
  /// empty container; kNotFound for an item not registered.
  core::Result<ExportCertificate> Issue(const NewCertificate& fields, const Caller& caller);

  /// The container leaves: issued -> shipped, once.
  core::Result<ExportCertificate> Ship(const std::string& barcode, core::TimePoint shipped_at, const Caller& caller);

 private:
  const StoreContext& context_;
};

}  // namespace greenlane::timber::store
