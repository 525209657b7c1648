# Port readings through the edge gateway into ingest (issue 4).
echo "Port readings: analyzer exports -> edge gateway (SQLite queue) -> ingest over mutual TLS"
library="$GREENLANE_ROOT/tests/data/identify/two_species.msp"
say "greenlane identify import-library $(basename "$library")" "$("$cli" identify import-library "$library" 2>/dev/null)"
samples="$GREENLANE_ROOT/tests/data/instruments"
for kind in vanta refrigerant xylotron qpcr dart; do
  for file in "$samples/$kind"/*; do
    [ -f "$file" ] || continue
    # Copy under a temporary name, then rename: the gateway takes only complete files.
    cp "$file" "$GREENLANE_EDGE_WATCH_DIR/$kind/.$(basename "$file").part"
    mv "$GREENLANE_EDGE_WATCH_DIR/$kind/.$(basename "$file").part" "$GREENLANE_EDGE_WATCH_DIR/$kind/$(basename "$file")"
  done
done
readings() { psql "$GREENLANE_PG_URL" -tAc "SELECT count(*) FROM ingest.readings" 2>/dev/null || echo 0; }
for _ in $(seq 1 60); do
  [ "$(readings)" -ge 20 ] && break  # the sample files hold 20 readings
  sleep 0.5
done
say "readings stored by ingest" "$(readings)"
officer_token="$(client_token demo-officer officer)"
psql "$GREENLANE_PG_URL" -tA -F ' ' -c "SELECT kind, count(*) FROM ingest.readings GROUP BY kind ORDER BY kind" |
  while read -r kind count; do say "  $kind" "$count"; done
# What an officer sees through the facade (GET /v1/readings relayed to ingest over mutual TLS).
for container in $(psql "$GREENLANE_PG_URL" -tAc "SELECT DISTINCT container FROM ingest.readings
    WHERE container <> '' ORDER BY container LIMIT 3"); do
  api_get "$officer_token" "/v1/readings?container=$container&page_size=5" |
    jq -r '.readings[] | [.consignment.container, .consignment.item, .kind, .sample_label, (.flags | join(","))] | @tsv' |
    while IFS=$'\t' read -r c item kind label flags; do
      say "  GET /v1/readings?container=$c: item $item ($kind)" "${label:0:30}  flags: ${flags:-none}"
    done
done
say "files processed by the gateway" "$(find "$GREENLANE_EDGE_WATCH_DIR" -path '*/processed/*' -type f | wc -l)"
queue_depth() { curl -fsS "$GREENLANE_EDGE_METRICS_URL" | awk '/^greenlane_edge_queue_depth/ {print $2}'; }
for _ in $(seq 1 20); do  # the gauge refreshes at the gateway's next poll
  [ "$(queue_depth)" = "0" ] && break
  sleep 0.5
done
queue_depth="$(queue_depth)"
say "edge queue depth after upload" "${queue_depth:-?}"
