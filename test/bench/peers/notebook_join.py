#!/usr/bin/python3
"""The notebook's CIDR join (shared/seeds/000_329475997b507bac.txt), ported to Python 3, as a
peer for the bench (test/bench/peers/notebook.ts writes its input and reads its output).

Same libraries as the notebook (netaddr, numpy, Apache Avro) and the same nested loop: for every
feedback domain and feedback CIDR, test every model entry of that domain with
`IPAddress(ip) in IPNetwork(fb_ip)`. One change, in the notebook's favour: IPNetwork(fb_ip) is
made once per feedback CIDR instead of once per comparison. Model entries that are prefixes
raise in IPAddress() and are skipped (the notebook would have stopped there), so only single
addresses inside a feedback CIDR match, as in the notebook.

Usage: /usr/bin/python3 notebook_join.py MODEL.avro FEEDBACK.jsonl [CUTOFF]
Needs Debian's python3-netaddr, python3-numpy and python3-avro:
    apt-get install -y python3-netaddr python3-numpy python3-avro
Prints one JSON line: seconds for loading and for the join alone, and what it counted.
"""
import json
import sys
import time
from collections import defaultdict

import numpy as np
from avro.datafile import DataFileReader
from avro.io import DatumReader
from netaddr import IPAddress, IPNetwork

model_path, feedback_path = sys.argv[1], sys.argv[2]
cutoff = float(sys.argv[3]) if len(sys.argv) > 3 else 0.3

t0 = time.perf_counter()
with open(model_path, "rb") as f:
    records = list(DataFileReader(f, DatumReader()))
sm_auth = defaultdict(lambda: defaultdict(float))
models = [m for r in records for m in r["models"]] if records and "models" in records[0] else records
for s in models:
    for x in s["cidrs"]:
        sm_auth[s["domain"]][x["cidr"]] = x["score"]

fb_auth, org_info = {}, {}
with open(feedback_path) as f:
    for line in f:
        row = json.loads(line)
        if row.get("suggestion_type") != "authenticity":
            continue
        suggestion = row["suggestion"]
        suggestion = json.loads(suggestion) if isinstance(suggestion, str) else suggestion
        domain, ips = None, []
        for m in suggestion["matches"]:
            if m["field"] == "domain":
                domain = m["value"][0]
            elif m["field"] == "ip":
                ips = m["value"]
        if suggestion["input_type"] == "ip_list":
            fb_auth[domain] = ips
            org_info[domain] = row.get("organization_id")
t1 = time.perf_counter()

fb_scores = defaultdict(lambda: defaultdict(list))
fb_ips_map = defaultdict(lambda: defaultdict(list))
comparisons = 0
for domain in fb_auth:
    for fb_ip in fb_auth[domain]:
        net = IPNetwork(fb_ip)
        for ip in sm_auth[domain]:
            comparisons += 1
            try:
                inside = IPAddress(ip) in net
            except Exception:
                continue
            if inside:
                fb_scores[domain][fb_ip].append(sm_auth[domain][ip])
                fb_ips_map[domain][fb_ip].append(ip)
under = sum(1 for d in fb_scores for c in fb_scores[d] if np.mean(fb_scores[d][c]) <= cutoff)
t2 = time.perf_counter()

print(json.dumps({
    "peer": "notebook",
    "python": sys.version.split()[0],
    "load_s": round(t1 - t0, 4),
    "join_s": round(t2 - t1, 4),
    "domains": len(fb_auth),
    "cidrs": sum(len(v) for v in fb_auth.values()),
    "comparisons": comparisons,
    "matched": sum(len(c) for d in fb_scores.values() for c in d.values()),
    "scored_cidrs": sum(len(v) for v in fb_scores.values()),
    "under_cutoff": under,
}))
