// greenlane: the operator CLI (migrations, API clients, audit verification).
#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/commands.h"
#include "cli/import_commands.h"
#include "greenlane/core/config.h"
#include "greenlane/core/log.h"

int main(int argc, char** argv) {
  using namespace greenlane;
  CLI::App app{"greenlane: operator commands for the Greenlane stack"};
  app.require_subcommand(1);
  cli::Options options;

  auto* migrate = app.add_subcommand("migrate", "apply every service's pending migrations (migrations/<service>/)");
  migrate->add_option("--dir", options.migrations_dir, "folder holding one subfolder of migrations per service");
  migrate->add_option("--service", options.services, "only these services (default: every subfolder)");

  auto* clients = app.add_subcommand("clients", "manage clients of the REST facade");
  clients->require_subcommand(1);
  auto* create = clients->add_subcommand("create", "create a client and print its id and secret (shown once)");
  create->add_option("--name", options.client_name, "unique client name")->required();
  create
      ->add_option("--roles", options.roles,
                   "comma-separated roles: public,trader,officer,lab,analyst,admin,partner,gateway")
      ->required();
  create->add_flag("--json", options.json, "print JSON");
  auto* list = clients->add_subcommand("list", "list clients");
  list->add_flag("--json", options.json, "print JSON");
  auto* disable = clients->add_subcommand("disable", "disable a client: it can no longer get tokens");
  disable->add_option("id", options.client_id, "client id")->required();

  auto* audit = app.add_subcommand("audit", "audit log");
  audit->require_subcommand(1);
  auto* verify = audit->add_subcommand("verify", "check the hash chain; exit 1 naming the first broken row");
  verify->add_option("--schema", options.schema, "service schema whose audit log to verify");

  cli::ImportOptions import;
  auto* cites = app.add_subcommand("cites", "CITES reference data (greenlane-cites)");
  cites->require_subcommand(1);
  auto* import_species =
      cites->add_subcommand("import-species", "load Species+ taxon_concepts pages (one page or a JSON array)");
  import_species->add_option("file", import.files, "Species+ JSON file")->required();
  import_species->add_option("--updated-since", import.updated_since, "the cursor the pages were fetched with");
  auto* identify = app.add_subcommand("identify", "identification reference data (greenlane-identify)");
  identify->require_subcommand(1);
  auto* import_library =
      identify->add_subcommand("import-library", "add reference spectra from MSP or MGF files, searchable at once");
  import_library->add_option("files", import.files, ".msp or .mgf files")->required();
  // Separate variables: CLI11 reads an option's environment variable even when its subcommand is not the one run.
  std::string cites_address, identify_address;
  import_species->add_option("--address", cites_address, "host:port of greenlane-cites")
      ->envname("GREENLANE_CITES_ADDRESS");
  import_library->add_option("--address", identify_address, "host:port of greenlane-identify")
      ->envname("GREENLANE_IDENTIFY_ADDRESS");
  for (auto* command : {import_species, import_library}) {
    command->add_option("--pki", import.pki_dir, "PKI folder with ca.crt and clients/service-api.*")
        ->envname("GREENLANE_PKI_DIR")
        ->required();
  }

  CLI11_PARSE(app, argc, argv);
  log::Init("cli", log::Level::kWarn);
  try {
    import.address = *import_species ? cites_address : identify_address;
    if (*import_species) return cli::ImportSpecies(import);
    if (*import_library) return cli::ImportLibrary(import);
  } catch (const std::exception& e) {
    std::cerr << "greenlane: " << e.what() << "\n";
    return 1;
  }
  try {
    core::Config config("cli");
    options.pg_url = config.RequiredString("pg_url", "libpq URL of PostgreSQL (falls back to GREENLANE_PG_URL)");
    options.secret_hash_iterations = static_cast<int>(
        config.Int("secret_hash_iterations", 210000, 1000, 10000000, "PBKDF2 iterations for new client secrets"));
    if (options.migrations_dir.empty()) {
      options.migrations_dir = config.String("migrations_dir", GREENLANE_DEFAULT_MIGRATIONS_DIR, "migrations folder");
    }
    if (*migrate) return cli::Migrate(options);
    if (*create) return cli::CreateClient(options);
    if (*list) return cli::ListClients(options);
    if (*disable) return cli::DisableClient(options);
    if (*verify) return cli::VerifyAudit(options);
  } catch (const core::ConfigError& e) {
    std::cerr << "greenlane: configuration error: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "greenlane: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
