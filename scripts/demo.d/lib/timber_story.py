#!/usr/bin/env python3
"""The timber part of the demo, through the REST facade: one concession's okoume from standing tree
to export certificate, the public check of a truck's permit, the lineage, and two laundering
attempts the rules refuse. Prints what happened; writes the certificate number to CERT_FILE so the
single-window part can declare it.
usage: timber_story.py API_URL OFFICER_TOKEN TRADER_TOKEN CERT_FILE"""
import datetime
import json
import sys
import time
import urllib.error
import urllib.request

api, officer, trader, cert_file = sys.argv[1:5]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
OKOUME = "Aucoumea klaineana"
run = int(time.time()) % 1_000_000  # distinct tags on every run of the demo


def say(what, result):
    print(f"  {what:<58} {result}")


def call(method, path, token=None, body=None):
    request = urllib.request.Request(api + path, method=method,
                                      data=None if body is None else json.dumps(body).encode())
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read() or b"{}")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def ok(method, path, token, body=None):
    status, answer = call(method, path, token, body)
    if status >= 300:
        raise SystemExit(f"demo: {method} {path} answered {status}: {answer.get('detail', answer)}")
    return answer


def tag(kind, n):
    """A typed barcode with its Luhn mod 36 check character (services/timber/domain/barcode.h)."""
    payload = f"{kind}GA{run * 1000 + n:09d}"
    factor, total = 2, 0
    for ch in reversed(payload):
        addend = factor * ALPHABET.index(ch)
        factor = 1 if factor == 2 else 2
        total += addend // 36 + addend % 36
    return f"{kind}-GA-{run * 1000 + n:09d}-{ALPHABET[(36 - total % 36) % 36]}"


# Daytime at the forest (UTC+1) at least six hours ago, so every step is in the past and the trucks
# do not run in the night window.
now = datetime.datetime.now(datetime.timezone.utc)
base = now.replace(hour=8, minute=0, second=0, microsecond=0)
if base > now - datetime.timedelta(hours=7):
    base -= datetime.timedelta(days=1)


def at(hours):
    return (base + datetime.timedelta(hours=hours)).strftime("%Y-%m-%dT%H:%M:%SZ")


point = lambda lon, lat: {"longitude": lon, "latitude": lat}

operator = ok("POST", "/v1/timber/operators", officer,
              {"operator": {"name": f"Bois du Nord {run}", "country": "GA", "registration_number": f"RCCM-{run}"}})
site = lambda name, kind, lon, lat: ok("POST", "/v1/timber/sites", officer, {"site": {
    "operator_id": operator["id"], "name": f"{name} {run}", "kind": kind, "location": point(lon, lat),
    "utc_offset_minutes": 60}})["id"]
forest, sawmill, port = site("Camp Ogooue", "forest", 11.1, -0.5), site("Scierie Est", "sawmill", 11.5, -0.5), \
    site("Owendo", "port", 9.5, 0.3)
concession = ok("POST", "/v1/timber/concessions", officer, {"concession": {
    "operator_id": operator["id"], "name": f"Ogooue Nord {run}",
    "geometry_geojson": json.dumps({"type": "Polygon", "coordinates": [[[11.0, -0.6], [11.2, -0.6], [11.2, -0.4],
                                                                        [11.0, -0.4], [11.0, -0.6]]]}),
    "valid_from": f"{base.year - 1}-01-01T00:00:00Z", "valid_until": f"{base.year + 4}-01-01T00:00:00Z",
    "allowable_cuts": [{"year": base.year, "species": OKOUME, "volume_dm3": 5_000_000}]}})
say("officer registers operator, forest, sawmill, port, concession", concession["id"][:13] + "…")


def fell_and_cut(n, logs):
    ok("POST", "/v1/timber/trees", trader, {"barcode": tag("TR", n), "concession_id": concession["id"],
                                             "species": OKOUME, "dbh_cm": 110, "bole_height_cm": 2200,
                                             "location": point(11.1, -0.5)})
    ok("POST", f"/v1/timber/trees/{tag('TR', n)}/fell", trader,
       {"stump": tag("ST", n), "felled_at": at(0), "location": point(11.1, -0.5)})
    cut = ok("POST", f"/v1/timber/pieces/{tag('TR', n)}/logs", trader, {"site_id": forest, "logs": [
        {"barcode": tag("LG", n * 10 + i), "species": OKOUME, "butt_diameter_cm": 95, "top_diameter_cm": 80,
         "length_cm": 600} for i in range(logs)]})
    return [p["barcode"] for p in cut["pieces"]], sum(int(p["volume_dm3"]) for p in cut["pieces"])


logs, log_volume = fell_and_cut(1, 2)
say("trader fells tree " + tag("TR", 1), f"{len(logs)} logs, {log_volume / 1000:.3f} m³")


def haul(number, origin, destination, items, start, lon0, lon1, hours=3):
    issued = ok("POST", "/v1/timber/waybills", trader, {
        "number": number, "origin_site_id": origin, "destination_site_id": destination, "vehicle": "GA-4471-AB",
        "driver": "J. Mba", "items": items, "issued_at": at(start),
        "photo_refs": [f"photo://{number}/load", f"photo://{number}/plate", f"photo://{number}/tags"]})
    ok("POST", f"/v1/timber/waybills/{number}/depart", trader, {"departed_at": at(start)})
    ok("POST", f"/v1/timber/waybills/{number}/deliver", trader, {"arrived_at": at(start + hours), "track": [
        {"at": at(start + hours * leg / 3), "position": point(lon0 + (lon1 - lon0) * leg / 3, -0.5)}
        for leg in range(4)]})
    return issued["document"]["token"]


token = haul(tag("WB", 1), forest, sawmill, logs, 1, 11.1, 11.5)
say("waybill " + tag("WB", 1) + " forest -> sawmill, delivered", f"QR token {len(token)} characters")
lot_volume = log_volume * 38 // 100
ok("POST", "/v1/timber/processing", trader, {"sawmill_site_id": sawmill, "processed_at": at(5), "input_logs": logs,
                                             "outputs": [{"barcode": tag("LT", 1), "species": OKOUME,
                                                          "product": "sawn", "volume_dm3": lot_volume}]})
say("sawmill turns the logs into lot " + tag("LT", 1), f"{lot_volume / 1000:.3f} m³ sawn (38 %)")
# The lot reaches the port in 42 minutes: ~79 km/h on forest roads, above the warning tier. Accepted and
# flagged (transport.speed): a truck that fast suggests the waybill covered another load.
haul(tag("WB", 2), sawmill, port, [tag("LT", 1)], 6, 11.5, 11.0, hours=0.7)
say("waybill " + tag("WB", 2) + " sawmill -> port in 42 minutes", "accepted, flagged by transport.speed")
certificate = ok("POST", "/v1/timber/certificates", trader, {
    "number": tag("EC", 1), "items": [tag("LT", 1)], "hs_code": "4407.29", "destination_country": "CN",
    "container": "MSCU1234565", "issued_at": at(9)})["document"]
say("export certificate issued", certificate["number"] + " (" + certificate["state"] + ")")
open(cert_file, "w").write(certificate["number"])

status, verified = call("GET", "/v1/public/timber/verify?token=" + token)
say("public QR check of the first waybill (no login)",
    f"HTTP {status}: {verified.get('status')}, " + ", ".join(verified.get("document", {}).get("species", [])))
forged = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
status, verified = call("GET", "/v1/public/timber/verify?token=" + forged)
say("the same token with its signature altered", f"HTTP {status}: {verified.get('status')}")
lineage = ok("GET", f"/v1/timber/certificates/{certificate['number']}/lineage", officer)
kinds = {}
for piece in lineage.get("pieces", []):
    kinds[piece["kind"]] = kinds.get(piece["kind"], 0) + 1
say("lineage of the certificate (officer)", ", ".join(f"{v} {k}" for k, v in sorted(kinds.items())) +
    f", {len(lineage.get('waybills', []))} waybills, anomalies: " +
    (", ".join(a["rule"] for a in lineage.get("anomalies", [])) or "none"))

print("  laundering attempts:")
more_logs, more_volume = fell_and_cut(2, 1)
haul(tag("WB", 3), forest, sawmill, more_logs, 1, 11.1, 11.5)
status, refused = call("POST", "/v1/timber/processing", trader, {
    "sawmill_site_id": sawmill, "processed_at": at(5), "input_logs": more_logs,
    "outputs": [{"barcode": tag("LT", 2), "species": OKOUME, "product": "sawn", "volume_dm3": more_volume * 70 // 100}]})
say("  a 'sawmill' yielding 70 % sawnwood from one log", f"HTTP {status}: {refused.get('detail', '')[:90]}")
status, refused = call("POST", "/v1/timber/certificates", trader, {
    "number": tag("EC", 2), "items": [tag("LT", 1)], "hs_code": "4407.29", "destination_country": "VN",
    "container": "TGHU7781234", "issued_at": at(9)})
say("  exporting the same lot a second time", f"HTTP {status}: {refused.get('detail', '')[:90]}")
