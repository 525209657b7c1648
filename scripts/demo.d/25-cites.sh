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
for importer in "FR:Bois de France:Quai 3, Bordeaux" "IT:Legnami Sud:Via del Porto 7, Genova"; do
  IFS=: read -r country name address <<<"$importer"
  other="$(echo "$permit" | jq --arg c "$country" --arg n "$name" --arg a "$address" \
    '.permit.importer = {name: $n, address: $a, country: $c} | .permit.lines[0].quantity = "4"')"
  other_number="$(cites_post "$ma_token" /v1/cites/permits "$other" | jq -r .number)"
  cites_post "$ma_token" "/v1/cites/permits/$other_number/issue" '{}' >/dev/null
done
say "two more afrormosia permits issued (FR, IT); issued now" \
  "$(api_get "$officer_token" '/v1/cites/permits?state=issued' | jq -r '[.permits[].number] | join(", ")')"
bad="$(echo "$permit" | jq '.permit.importer.country = "GA" | .permit.lines[0].unit = "KIL"')"
say "a draft with importer = exporter and a wrong unit" \
  "$(cites_post "$ma_token" /v1/cites/permits/validate "$bad" | jq -r '[.problems[] | .field + " " + .rule] | join(", ")')"

# A partner economy: Germany's management authority registers its Ed25519 key and its client
# certificate (dev PKI clients/partner-de); its messages reach the exchange replica over mutual TLS.
exchange="$GREENLANE_API_EXCHANGE_URL"
partner_dir="$(mktemp -d)"
openssl genpkey -algorithm ed25519 -out "$partner_dir/de.pem" 2>/dev/null
partner="$(jq -n --rawfile key <(openssl pkey -in "$partner_dir/de.pem" -pubout) '{partner: {country: "DE",
  authority: "Bundesamt fuer Naturschutz", exchange_url: "https://127.0.0.1:9/v1/exchange/cites/permits",
  public_key_pem: $key, client_cn: "partner-de", allowed_operations: ["permit.fetch", "quantities.confirm"]}}')"
admin_token="${admin_token:-$(token_for "$GREENLANE_ADMIN_CLIENT_ID" "$GREENLANE_ADMIN_CLIENT_SECRET")}"
say "admin registers partner economy DE (key, certificate CN)" \
  "$(cites_post "$admin_token" /v1/cites/partners "$partner" | jq -r '.country + " " + .client_cn')"
partner_token="$(client_token demo-partner-de partner)"
# partner_signature ID TIME BODY: the partner's Ed25519 signature over id, time, operation and body.
partner_signature() {
  printf '%s\n%s\n%s\n%s' "$1" "$2" permit.fetch "$3" >"$partner_dir/message"  # Ed25519 signs whole files only
  openssl pkeyutl -sign -inkey "$partner_dir/de.pem" -rawin -in "$partner_dir/message" | basenc --base64url -w0 | tr -d '='
}
# partner_fetch ID TIME SIGNATURE BODY: the message to the exchange replica over mutual TLS; prints
# the answer, then its HTTP status on the last line.
partner_fetch() {
  curl -sS --cacert "$GREENLANE_PKI_DIR/ca.crt" --cert "$GREENLANE_PKI_DIR/clients/partner-de.crt" \
    --key "$GREENLANE_PKI_DIR/clients/partner-de.key" -H "Authorization: Bearer $partner_token" \
    -H "Content-Type: application/json" -H "X-Greenlane-Message-Id: $1" -H "X-Greenlane-Timestamp: $2" \
    -H "X-Greenlane-Signature: $3" -d "$4" -w '\n%{http_code}' "$exchange/v1/exchange/cites/permits/fetch"
}
answered() { echo "HTTP $(echo "$1" | tail -1): $(echo "$1" | head -n -1 | jq -r "$2")"; }
fetch="$(jq -cn --arg n "$number" '{number: $n}')"
id="$(cat /proc/sys/kernel/random/uuid)" at="$(date -u +%FT%TZ)"
signature="$(partner_signature "$id" "$at" "$fetch")"
say "partner DE fetches $number (signed, mutual TLS)" \
  "$(answered "$(partner_fetch "$id" "$at" "$signature" "$fetch")" '"state " + .state')"
other_id="$(cat /proc/sys/kernel/random/uuid)"
altered="$(partner_fetch "$other_id" "$at" "$(partner_signature "$other_id" "$at" "$fetch")" '{"number":"GA-EX-2026-000001"}')"
say "a message altered after signing (another permit asked)" "$(answered "$altered" '.detail[0:70]')"
say "the first message sent again, as it was (replay)" \
  "$(answered "$(partner_fetch "$id" "$at" "$signature" "$fetch")" '.detail[0:70]')"
no_tls="$(status_of -H "Authorization: Bearer $partner_token" -H "Content-Type: application/json" -d "$fetch" \
  "$api/v1/exchange/cites/permits/fetch")"
say "the same without the partner's client certificate" "HTTP $no_tls"
rm -rf "$partner_dir"
