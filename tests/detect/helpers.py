from contradict.claims import Claim, add_features
from contradict.detect import ClaimView


def view(text: str, *, id: str = "x", source: str = "Ministry", speaker: str | None = None,
         kind: str = "statement", date: str | None = "2019-02-09", language: str = "en") -> ClaimView:
    claim = add_features(Claim(doc_id=id, seq=0, start=0, end=len(text), text=text, page=None, language=language))
    row = claim.row()
    row["id"] = id
    row["frames"] = claim.frames
    row["features"] = claim.features()
    row.update(source=source, speaker=speaker, kind=kind, date=date, title="t", path=f"{id}.md")
    return ClaimView.from_row(row)


def pair(cosine: float = 0.5, lexical: float = 0.5) -> dict:
    return {"id": "p", "cosine": cosine, "lexical": lexical}
