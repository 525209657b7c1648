# The single window: declarations in, lanes and reasons out, synchronously and asynchronously (issue 7).
echo "Single window: declarations -> risk lanes with reasons (greenlane-risk behind the facade)"
single_window_token="$(client_token demo-single-window trader)"
officer_token="${officer_token:-$(client_token demo-officer officer)}"
sw_id="$(api_get "$single_window_token" /v1/me | jq -r .client_id)"
stamp="$(date +%s)"

# declaration REF HS SPECIES: a one-item export from Gabon lodged by the single window.
declaration() {
  jq -n --arg ref "$1" --arg hs "$2" --arg species "$3" --arg declarant "$sw_id" '{
    functional_reference_id: $ref, type_code: "export", customs_office: "GALBV", declarant: $declarant,
    exporter: "EXP-GA-0007", exportation_country: "GA", destination_country: "CN",
    transport: {mode: "maritime", containers: ["MSCU1234565"]}, lodged_at: (now | todate),
    goods_items: [{sequence: 1, description: "demo goods", hs_code: $hs, origin_country: "GA",
      quantity: "12.000", quantity_unit: "m3", gross_mass_kg: "9100", net_mass_kg: "9000",
      value: "7200.00", currency: "EUR", scientific_name: $species}]}'
}
post_declaration() {
  curl -sS -H "Authorization: Bearer $1" -H "Content-Type: application/json" "${@:3}" \
    --data-binary "$2" "$api/v1/declarations"
}
# assess BODY: the single window submits (synchronous answer); prints the officer's view of the lane.
assess() {
  local answer
  answer="$(post_declaration "$single_window_token" "$1")"
  if ! echo "$answer" | jq -e .lane >/dev/null; then echo "$answer" | show_assessment; return; fi
  api_get "$officer_token" "/v1/declarations/$(echo "$1" | jq -r .functional_reference_id)/assessment" | show_assessment
}
show_assessment() {
  jq -r 'if .lane then "\(.lane) (score \(.score // "-"))  " + ([.reasons[] | .rule_id] | join(", "))
         else "refused: \(.detail)" end'
}

furniture="$(declaration "GA-DEC-$stamp-001" 9403600000 "" | jq 'del(.goods_items[0].scientific_name)')"
say "wooden furniture (sync)" "$(assess "$furniture")"
okoume="$(declaration "GA-DEC-$stamp-004" 4407290000 "Aucoumea klaineana")"
say "okoume sawnwood without its export certificate (sync)" \
  "$(assess "$okoume")"
rosewood="$(declaration "GA-DEC-$stamp-002" 4403490000 "Dalbergia nigra")"
say "Appendix I rosewood logs, no CITES permit (sync)" \
  "$(assess "$rosewood")"
if [ -n "${timber_certificate:-}" ]; then
  certified="$(declaration "GA-DEC-$stamp-005" 4407290000 "Aucoumea klaineana" | jq --arg ec "$timber_certificate" \
    '.goods_items[0].quantity = "2.742" | .goods_items[0].lpco = [{category: "timber_export_certificate", id: $ec, quantity: "2.742"}]')"
  say "okoume under the demo's certificate (its haul was flagged)" \
    "$(assess "$certified")"
fi
# The XRF readings of container MSKU4421907 (the port demo above) against what is declared in it.
for _ in $(seq 1 40); do
  [ "$(api_get "$officer_token" "/v1/identifications?container=MSKU4421907" | jq '.identifications | length')" -gt 0 ] && break
  sleep 0.25
done
say "identify's answers for container MSKU4421907" "$(api_get "$officer_token" "/v1/identifications?container=MSKU4421907" |
  jq -r '[.identifications[] | "\(.kind) \(.verdict)"] | join(", ")')"
sleep 1  # risk takes the identify.result.ready events as evidence
toys="$(declaration "GA-DEC-$stamp-006" 3926909790 "" | jq 'del(.goods_items[0].scientific_name)
  | .transport.containers = ["MSKU4421907"] | .goods_items[0].description = "ABS housings and cables, RoHS compliant"
  | .goods_items[0].quantity_unit = "kg" | .goods_items[0].quantity = "9000"')"
say "ABS housings in MSKU4421907, declared RoHS compliant" "$(assess "$toys")"
say "the trader's view: lane and non-confidential reasons only" \
  "$(api_get "$single_window_token" "/v1/declarations/GA-DEC-$stamp-002/assessment" |
    jq -c '{view, lane, reasons: [.reasons[] | .text[0:40]]}')"

# Late evidence: cables declared before their container (a new one each run) is sampled at the quay.
# Owner code letters from the days, serial from the seconds: no two runs share the container.
letter() { printf "\\x$(printf %x $((65 + $1 % 26)))"; }
late_owner="G$(letter $((stamp / 1000000)))$(letter $((stamp / 26000000)))U"
late_container="$(python3 "$(dirname "$0")/demo.d/lib/container_number.py" "$late_owner$(printf '%06d' $((stamp % 1000000)))")"
cables="$(declaration "GA-DEC-$stamp-007" 8544429000 "" | jq --arg c "$late_container" 'del(.goods_items[0].scientific_name)
  | .transport.containers = [$c] | .goods_items[0].description = "PVC insulated cables, RoHS compliant"
  | .goods_items[0].quantity_unit = "kg" | .goods_items[0].quantity = "9000"')"
say "cables in $late_container, lodged before any reading" "$(assess "$cables")"
sample="$GREENLANE_ROOT/tests/data/instruments/vanta/rohs_20261103_port-callao.csv"
late_file="$GREENLANE_EDGE_WATCH_DIR/vanta/rohs_late_$stamp.csv"
{ head -n 2 "$sample"; grep ' item 5 black cable' "$sample" |
  sed "s/^841515,1208,/841515,$((stamp % 1000000 + 100000)),/; s/MSKU4421907/$late_container/"; } >"$late_file.part"
late_lane() { api_get "$officer_token" "/v1/declarations/GA-DEC-$stamp-007/assessment" | jq -r .lane; }
lane_before="$(late_lane)"
mv "$late_file.part" "$late_file"
for _ in $(seq 1 60); do  # gateway -> ingest -> identify -> risk, a few seconds
  [ "$(late_lane)" != "$lane_before" ] && break
  sleep 0.5
done
say "  after the quay's XRF reading (bromine) of $late_container" \
  "$(api_get "$officer_token" "/v1/declarations/GA-DEC-$stamp-007/assessment" | show_assessment)"

# Asynchronous: a webhook that fails once, so the retry shows.
hook_port="$(free_port)"
hook_dir="$(mktemp -d)"
secret="$(curl -fsS -X PUT -H "Authorization: Bearer $single_window_token" -H "Content-Type: application/json" \
  -d "{\"url\":\"http://127.0.0.1:$hook_port/greenlane\"}" "$api/v1/webhook" | jq -r .secret)"
echo "$secret" >"$hook_dir/secret"
python3 "$(dirname "$0")/demo.d/lib/webhook_receiver.py" "$hook_port" "$hook_dir/secret" "$hook_dir/deliveries" &
receiver_pid=$!
sleep 0.3
async="$(declaration "GA-DEC-$stamp-003" 4407290000 "Aucoumea klaineana")"
accepted="$(post_declaration "$single_window_token" "$async" -H "Prefer: respond-async")"
conversation="$(echo "$accepted" | jq -r .conversation_id)"
say "Prefer: respond-async -> 202 conversation" "$conversation"
for _ in $(seq 1 60); do
  [ -s "$hook_dir/deliveries" ] && break
  sleep 0.25
done
kill "$receiver_pid" 2>/dev/null || true
if [ -s "$hook_dir/deliveries" ]; then
  say "webhook: first attempt answered 503, delivered on attempt" "$(jq -r .attempt "$hook_dir/deliveries" | head -1)"
  say "  signature checked by the receiver" "$(jq -r .signature_valid "$hook_dir/deliveries" | head -1)"
  say "  delivered lane" "$(jq -r '.body.result.lane' "$hook_dir/deliveries" | head -1)"
else
  say "webhook delivery" "not received in 15 s; see .local/log/api.log"
fi
say "pull: GET /v1/conversations/{id}" "$(api_get "$single_window_token" "/v1/conversations/$conversation" |
  jq -c '{state, lane: .result.lane, delivery: .delivery.state}')"
rm -rf "$hook_dir"

inspection="$(curl -sS -H "Authorization: Bearer $officer_token" -H "Content-Type: application/json" \
  -d '{"result":"seizure","notes":"demo: undeclared Dalbergia found"}' \
  "$api/v1/declarations/GA-DEC-$stamp-002/inspection-result" | jq -r '.result // .detail')"
say "officer records the inspection of the rosewood" "$inspection"
say "per-rule performance now" "$(api_get "$officer_token" "/v1/risk/rules/performance?page_size=200" |
  jq -r '[.rules[] | select(.inspected != "0" and .inspected != 0) | "\(.rule_id) \(.positives)/\(.inspected)"] | join(", ")')"
