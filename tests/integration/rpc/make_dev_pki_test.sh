#!/usr/bin/env bash
# Runs deploy/pki/make-dev-pki twice into a temporary directory and checks what services and
# partners rely on: every certificate chains to the CA for its purpose, the servers' names are in
# the SAN, private keys are 0600, and a second run keeps every file as it was.
# Usage: make_dev_pki_test.sh PATH/TO/make-dev-pki
set -euo pipefail
script="${1:?usage: $0 PATH/TO/make-dev-pki}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$script" -q "$dir/pki" >"$dir/first.out"
[ ! -s "$dir/first.out" ] || fail "-q printed: $(cat "$dir/first.out")"
pki="$dir/pki"
( cd "$pki" && find . -type f -print0 | sort -z | xargs -0 sha256sum ) >"$dir/before.sum"

for svc in api timber ingest edge cites identify risk; do
  openssl verify -CAfile "$pki/ca.crt" -purpose sslserver "$pki/servers/$svc.crt" >/dev/null \
    || fail "servers/$svc.crt does not verify as a TLS server certificate"
  openssl x509 -in "$pki/servers/$svc.crt" -noout -checkhost "greenlane-$svc" | grep -q "does match" \
    || fail "servers/$svc.crt lacks DNS:greenlane-$svc"
  openssl x509 -in "$pki/servers/$svc.crt" -noout -checkip 127.0.0.1 | grep -q "does match" \
    || fail "servers/$svc.crt lacks IP:127.0.0.1"
done

check_client() {
  local name="$1" role="$2"
  openssl verify -CAfile "$pki/ca.crt" -purpose sslclient "$pki/clients/$name.crt" >/dev/null \
    || fail "clients/$name.crt does not verify as a TLS client certificate"
  local subject
  subject="$(openssl x509 -in "$pki/clients/$name.crt" -noout -subject -nameopt RFC2253)"
  [[ "$subject" == *"CN=$name,OU=$role,"* ]] \
    || fail "clients/$name.crt subject is '$subject', expected CN=$name, OU=$role"
}
check_client gateway-demo gateway
check_client gateway-callao gateway
check_client partner-pe partner
check_client partner-ga partner
check_client service-risk service

for use in jwt timber cites; do
  echo "permit GA-TP-2026-000123" >"$dir/msg"
  openssl pkeyutl -sign -rawin -inkey "$pki/signing/$use.pem" -in "$dir/msg" -out "$dir/sig"
  openssl pkeyutl -verify -rawin -pubin -inkey "$pki/signing/$use.pub.pem" -in "$dir/msg" -sigfile "$dir/sig" \
    >/dev/null \
    || fail "signing/$use.pub.pem does not verify a signature of signing/$use.pem"
done

while IFS= read -r key; do
  mode="$(stat -c %a "$key")"
  [ "$mode" = 600 ] || fail "$key has mode $mode, expected 600"
done < <(find "$pki" -name '*.key' -o -path '*/signing/*' -name '*.pem' ! -name '*.pub.pem')

"$script" -q "$pki"
( cd "$pki" && find . -type f -print0 | sort -z | xargs -0 sha256sum ) >"$dir/after.sum"
diff -u "$dir/before.sum" "$dir/after.sum" || fail "a second run changed files"

rm "$pki/clients/partner-pe.crt"
"$script" -q "$pki"
openssl verify -CAfile "$pki/ca.crt" "$pki/clients/partner-pe.crt" >/dev/null \
  || fail "a deleted certificate was not issued again"
echo "make-dev-pki: ok"
