# Timber chain of custody through the facade (issue 3): tree -> logs -> truck -> sawmill -> export.
echo "Timber: chain of custody from standing tree to export certificate (greenlane-timber behind the facade)"
officer_token="${officer_token:-$(client_token demo-officer officer)}"
timber_trader_token="$(client_token demo-bois-du-nord trader)"
timber_certificate_file="$(mktemp)"
python3 "$(dirname "$0")/demo.d/lib/timber_story.py" "$api" "$officer_token" "$timber_trader_token" \
  "$timber_certificate_file"
timber_certificate="$(cat "$timber_certificate_file")"
rm -f "$timber_certificate_file"
