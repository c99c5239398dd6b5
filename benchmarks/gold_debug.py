"""Print, for each gold pair the scan did not flag, both claims with the cues and frames the
detectors saw: the first thing to read when recall drops.

    python benchmarks/gold_debug.py corpora/belgrade-surveillance/gold.yaml belgrade.db
"""

import json
import sys

from contradict.evaluate import _claims_for, evaluate
from contradict.store import open_db

gold, dbp = sys.argv[1], sys.argv[2]
report = evaluate(gold, dbp)
db = open_db(dbp, create=False)
for o in report.outcomes:
    if o.flagged == (o.gold.label == "contradiction"):
        continue
    print(f"== {o.gold.id} {o.gold.label} {o.gold.type} flagged={o.flagged} {o.finding_types} :: {o.gold.note}")
    for side in (o.gold.a, o.gold.b):
        ids, _ = _claims_for(db, side)
        for cid in ids:
            c = next(db.query("select text, frames, features from claims where id = ?", [cid]))
            f = json.loads(c["features"])
            cues = f["cues"]
            print(f"   [{side['doc']}] {c['text']}")
            print(f"      frames={c['frames']} pol={cues['polarity']} ex={cues['existence']} rec={cues['records']} legal={cues['legal_stance']} disc={cues['disclosure']} ops={cues['operations']} q={[(q['value'], q['unit'], q['scope'], q['qualifier']) for q in f['quantities']]}")
    if o.flagged:
        ids_a, _ = _claims_for(db, o.gold.a)
        ids_b, _ = _claims_for(db, o.gold.b)
        for r in db.query("select claim_a, claim_b, type, explanation from findings"):
            if {r["claim_a"], r["claim_b"]} & ids_a and {r["claim_a"], r["claim_b"]} & ids_b:
                print("      FINDING:", r["type"], r["explanation"])
