# Electronic CITES permits through the facade (issue 5): issue, verify, endorse, use once.
echo "CITES: an export permit from draft to single use (greenlane-cites behind the facade)"
officer_token="${officer_token:-$(client_token demo-officer officer)}"
ma_token="$(client_token demo-management-authority officer)"
today="$(date -u +%F)"
until_day="$(date -u -d '+90 days' +%F)"
cites_post() { curl -sS -H "Authorization: Bearer $1" -H "Content-Type: application/json" -d "$3" "$api$2"; }
permit="$(jq -n --arg today "$today" --arg until "$until_day" '{permit: {
  type: "export", issued: $today, valid_from: $today, valid_until: $until, purpose: "T", security_stamp: "ST0042177",
  exporter: {name: "Madeiras do Sul", address: "Av. Portuaria 9", country: "GA"},
  importer: {name: "Holzhandel Nord", address: "Hafenstrasse 1", country: "DE"},
  issuer_name: "Management Authority GA", issuer_country: "GA",
  lines: [{scientific_name: "Pericopsis elata", common_name: "afrormosia", term: "SAW", unit: "MTQ",
           quantity: "12.5", appendix: "II", source: "W"}]}}')"
number="$(cites_post "$ma_token" /v1/cites/permits "$permit" | jq -r .number)"
issued="$(cites_post "$ma_token" "/v1/cites/permits/$number/issue" '{}')"
say "management authority drafts and issues" "$number ($(echo "$issued" | jq -r .state), QR token $(echo "$issued" | jq -r '.token | length') chars)"
verify() { api_get "$officer_token" "/v1/cites/permits/$number/verify?$1" | jq -r 'if .valid then "valid" else "invalid: " + ([.reasons[] | .rule] | join(", ")) end'; }
say "single window verifies 10 m³ of afrormosia" "$(verify 'scientific_name=Pericopsis%20elata&quantity=10&unit=MTQ')"
say "single window verifies 20 m³ (more than permitted)" "$(verify 'scientific_name=Pericopsis%20elata&quantity=20&unit=MTQ')"
endorse="$(jq -n --arg today "$today" '{date: $today, port: "GAOWE", transport_document: "MSCU-BL-77", quantities: ["12"]}')"
say "customs endorse 12 m³ actually exported" "$(cites_post "$officer_token" "/v1/cites/permits/$number/endorse" "$endorse" | jq -r .state)"
use="$(jq -n --arg today "$today" '{date: $today, country: "DE", port: "DEHAM", quantities: ["12"]}')"
say "import recorded in Germany" "$(cites_post "$officer_token" "/v1/cites/permits/$number/import-use" "$use" | jq -r .state)"
say "the same permit presented a second time" \
  "$(cites_post "$officer_token" "/v1/cites/permits/$number/import-use" "$use" | jq -r '.detail[0:80]')"
say "verify after use" "$(verify '')"
forged="$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $officer_token" -H "Content-Type: application/json" \
  -H "X-Greenlane-Message-Id: demo-1" -H "X-Greenlane-Timestamp: $(date -u +%FT%TZ)" -H "X-Greenlane-Signature: forged" \
  -d '{"number":"'"$number"'"}' "$api/v1/exchange/cites/permits/fetch")"
say "a partner message without mutual TLS or a partner role" "HTTP $forged (refused)"
