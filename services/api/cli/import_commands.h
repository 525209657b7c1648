#pragma once

#include <string>
#include <vector>

namespace greenlane::cli {

/// How the CLI reaches a service for the bulk imports: over mutual TLS with the facade's own
/// client certificate (clients/service-api.* in the PKI folder), as the services only answer
/// other Greenlane services.
struct ImportOptions {
  std::string address;  ///< host:port of the service
  std::string pki_dir;  ///< folder with ca.crt and clients/service-api.{crt,key}
  std::vector<std::string> files;
  std::string updated_since;  ///< Species+: the cursor the pages were fetched with
  std::string actor = "greenlane-cli";
};

/// `greenlane cites import-species FILE`: a Species+ taxon_concepts page, or a JSON array of pages,
/// sent page by page to greenlane-cites with a progress bar; prints the cursor for the next fetch.
int ImportSpecies(const ImportOptions& options);

/// `greenlane identify import-library FILE…`: MSP or MGF libraries sent to greenlane-identify in
/// chunks of whole records with a progress bar; spectra are searchable as soon as a chunk lands.
int ImportLibrary(const ImportOptions& options);

}  // namespace greenlane::cli
