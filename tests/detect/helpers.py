from contradict.case import NO_RULES, load_case_rules
from contradict.claims import Claim, add_features
from contradict.detect import ClaimView

# detector tests read their sentences as a scan of the bundled case would: with its own words
# (cameras and their subtypes, camera locations, biometric identification) from its contradict.yaml
BELGRADE = load_case_rules("corpora/belgrade-surveillance")


def view(text: str, *, id: str = "x", source: str = "Ministry", speaker: str | None = None,
         kind: str = "statement", date: str | None = "2019-02-09", language: str = "en",
         case=BELGRADE) -> ClaimView:
    claim = add_features(Claim(doc_id=id, seq=0, start=0, end=len(text), text=text, page=None, language=language),
                         case or NO_RULES)
    row = claim.row()
    row["id"] = id
    row["frames"] = claim.frames
    row["features"] = claim.features()
    row.update(source=source, speaker=speaker, kind=kind, date=date, title="t", path=f"{id}.md")
    return ClaimView.from_row(row)


def pair(cosine: float = 0.5, lexical: float = 0.5) -> dict:
    return {"id": "p", "cosine": cosine, "lexical": lexical}
