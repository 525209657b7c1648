# Platform: identity, roles, limits and audit (issue 2).
echo "Platform: identity, roles, limits and audit"
admin_token="$(token_for "$GREENLANE_ADMIN_CLIENT_ID" "$GREENLANE_ADMIN_CLIENT_SECRET")"
say "admin gets a token (client credentials, EdDSA JWT)" "$(echo "$admin_token" | cut -c1-24)…"
say "GET /v1/me as admin" "$(curl -fsS -H "Authorization: Bearer $admin_token" "$api/v1/me" | jq -c .)"

trader="$("$cli" clients create --name "demo-trader-$(date +%s%N)" --roles trader --json)"
trader_id="$(echo "$trader" | jq -r .id)"
trader_token="$(token_for "$trader_id" "$(echo "$trader" | jq -r .secret)")"
say "a trader client is created with the CLI" "$trader_id"
say "trader reads the audit log (admin only)" "HTTP $(status_of -H "Authorization: Bearer $trader_token" "$api/v1/audit")"
forged="${admin_token%?}"; [ "${admin_token: -1}" = A ] && forged+=B || forged+=A
say "a token with a changed signature is refused" "HTTP $(status_of -H "Authorization: Bearer $forged" "$api/v1/me")"
say "no token at all" "HTTP $(status_of "$api/v1/me")"
say "wrong client secret" "HTTP $(status_of -u "$trader_id:wrong" -d grant_type=client_credentials "$api/v1/oauth/token")"
say "JWKS publishes the signing key" "$(curl -fsS "$api/v1/.well-known/jwks.json" | jq -r '.keys[0].kid')"
entries="$(curl -fsS -H "Authorization: Bearer $admin_token" "$api/v1/audit?entity_type=client&limit=500" | jq '.items | length')"
say "audit entries about clients" "$entries"
say "greenlane audit verify" "$("$cli" audit verify)"

