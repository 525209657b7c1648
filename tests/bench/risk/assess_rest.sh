#!/usr/bin/env bash
# End-to-end synchronous assessment through the REST facade, as the single window sends it:
# POST /v1/declarations -> greenlane-api -> greenlane-risk (mutual TLS), whose document checks ask
# greenlane-cites (every declaration carries a CITES permit issued here) and greenlane-timber (a
# timber certificate, unknown: the round trip is what counts), then store, audit and announce the
# assessment. Every request is a new declaration. wrk -t2 -c32.
#   tests/bench/risk/assess_rest.sh BUILD_DIR SECONDS
# Needs GREENLANE_TEST_PG_URL, GREENLANE_TEST_REDIS_URL and GREENLANE_TEST_PKI_DIR (scripts/test-services start),
# and the targets greenlane, greenlane-api, greenlane-cites, greenlane-timber and greenlane-risk built in BUILD_DIR.
set -euo pipefail
BUILD="$1"
seconds="${2:-10}"
source "$(dirname "$0")/../lib/service_stack.sh"

cites_port="$(port)" timber_port="$(port)" risk_port="$(port)" api_port="$(port)"
grpc_service cites "$cites_port" GREENLANE_CITES_SIGNING_KEY_FILE="$pki/signing/cites.pem"
grpc_service timber "$timber_port" GREENLANE_TIMBER_SIGNING_KEY_FILE="$pki/signing/timber.pem" \
  GREENLANE_TIMBER_DATA_DIR="$root/services/timber/data"
grpc_service risk "$risk_port" GREENLANE_RISK_CITES_ADDRESS="127.0.0.1:$cites_port" \
  GREENLANE_RISK_TIMBER_ADDRESS="127.0.0.1:$timber_port" GREENLANE_RISK_DATA_DIR="$root/services/risk/data" \
  GREENLANE_RISK_SERVICES_CERT_FILE="$pki/clients/service-risk.crt" \
  GREENLANE_RISK_SERVICES_KEY_FILE="$pki/clients/service-risk.key" GREENLANE_RISK_CONSUMER_GROUP="bench-$$"
facade "$api_port" GREENLANE_API_RISK_ADDRESS="127.0.0.1:$risk_port" GREENLANE_API_CITES_ADDRESS="127.0.0.1:$cites_port"
api="http://127.0.0.1:$api_port"
auth="$(bearer "$api" officer)"

today="$(date -u +%F)"
until="$(date -u -d '+90 days' +%F)"
permit="$(jq -n --arg t "$today" --arg u "$until" '{permit: {type: "export", issued: $t, valid_from: $t, valid_until: $u,
  importer: {name: "Holzhandel Nord", country: "DE"}, exporter: {name: "Madeiras do Sul", country: "GA"}, purpose: "T",
  security_stamp: "GA0042", issuer_name: "MA Gabon", issuer_country: "GA",
  lines: [{scientific_name: "Pericopsis elata", term: "SAW", unit: "MTQ", quantity: "50", appendix: "II", source: "W"}]}}')"
permits=()
for _ in $(seq 1 20); do
  permits+=("$(issue_permit "$api" "$auth" "$permit")")
done

# An export of afrormosia sawn wood under one of the permits, and a timber certificate.
template="$(jq -cn --arg today "${today}T08:00:00Z" '{functional_reference_id: "REF", type_code: "export",
  customs_office: "GALBV", declarant: "DECL-7", exporter: "EXP-GA-0007", exportation_country: "GA",
  destination_country: "DE", transport: {mode: "maritime", containers: ["MSCU1234565"]}, lodged_at: $today,
  goods_items: [{sequence: 1, description: "Sawn afrormosia", hs_code: "4407290000", origin_country: "GA",
    scientific_name: "Pericopsis elata", quantity: "12.5", quantity_unit: "m3", net_mass_kg: "9000",
    value: "21000.00", currency: "EUR", lpco: [{category: "cites_permit", id: "PERMIT", quantity: "12.5"},
    {category: "timber_export_certificate", id: "GA-EC-2026-000031", quantity: "12.5"}]}]}')"
one="${template/REF/REST-check}"
status="$(curl -s -o "$work/one.json" -w '%{http_code}' -H "$auth" -H 'Content-Type: application/json' \
  -d "${one/PERMIT/${permits[0]}}" "$api/v1/declarations")"
[ "$status" = 200 ] || { echo "POST /v1/declarations answered $status: $(cat "$work/one.json")" >&2; exit 1; }
{
  printf 'local template = [[%s]]\n' "$template"
  printf 'local permits = {'
  printf '"%s",' "${permits[@]}"
  printf '}\n'
  cat <<'LUA'
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end
local n = 0
local headers = nil
request = function()
  if headers == nil then  -- wrk.format replaces wrk.headers (the -H ones) with what it is given
    headers = {["Content-Type"] = "application/json"}
    for name, value in pairs(wrk.headers) do headers[name] = value end
  end
  n = n + 1
  local body = template:gsub("REF", "REST-" .. id .. "-" .. n):gsub("PERMIT", permits[n % #permits + 1])
  return wrk.format("POST", "/v1/declarations", headers, body)
end
LUA
} >"$work/assess.lua"

connections=32
before="$(cpu_ticks)" switches_before="$(context_switches)"
read -r rps p99 <<<"$(wrk_figures "$api/" "$auth" "$work/assess.lua")"
after="$(cpu_ticks)" switches_after="$(context_switches)"
printf '%-60s %12s req/s   p99 %8s ms\n' "POST /v1/declarations (facade, risk, cites and timber checks)" "$rps" "$p99"
# What one declaration costs each process: on 2 cores, 2,000/s leaves 1 ms of CPU for all of them.
requests="$(awk -v r="$rps" -v s="$seconds" 'BEGIN {printf "%d", r * s}')"
cpu_per_request "$before" "$after" "$requests"
switches_per_request "$switches_before" "$switches_after" "$requests"
awk -v a="$rps" -v p="$p99" 'BEGIN {printf "goal >= 2000 declarations/s (%s) and p99 < 50 ms (%s)\n",
  (a >= 2000 ? "met" : "not met"), (p < 50 ? "met" : "not met")}'
