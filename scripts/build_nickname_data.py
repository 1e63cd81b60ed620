"""Rebuild the nickname data shipped in ``src/ids/data/`` (both files are committed).

Run: ``python scripts/build_nickname_data.py`` (needs ``nicknames==1.0.1``, which ships its
``names.csv`` offline). The package never imports ``nicknames`` at run time.

* ``nicknames.csv`` (``nickname,formal,source``): the ``nicknames`` package's pairs, less the
  :data:`DROPPED` ones, plus :data:`ADDED` (Spanish hypocorisms it lacks and a few English gaps).
  ``source`` is ``nicknames-1.0.1`` or ``ids``.
* ``given_name_priority.csv`` (``name``): formal given names, most preferred first. Every name
  listed is formal (maps to itself); the order decides which formal name an ambiguous nickname
  maps to. Tier 1 interleaves the most common US male and female given names of the last century
  (approximate order, SSA tables, from memory); tier 2 adds formal names that the source file also
  lists as someone's nickname (``JANE`` under Virginia, ``VICTOR`` under Victoria), so that they
  keep their own identity; tier 3 common Spanish given names.

Names are written as :func:`ids.names.name_key` keys (upper case, no accents or spaces). How the two
files combine into one canonical per name is decided at load time (see
:func:`ids.names.canonical_first_name`).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ids.names import name_key  # noqa: E402

DATA = ROOT / "src" / "ids" / "data"

#: (formal, nickname) pairs of the source file that are dropped: archaic or reversed pairs that
#: would send a common nickname to the wrong formal name (Bill is William's, not Robert's; Annie is
#: Anna's, not Stephanie's) or list a formal name as a nickname of its own nickname.
DROPPED: frozenset[tuple[str, str]] = frozenset(
    {
        ("ROBERT", "BILL"), ("ROBERT", "BILLY"), ("STEPHANIE", "ANNIE"), ("NANCY", "ANN"),
        ("BILL", "ROBERT"), ("BILLY", "ROBERT"), ("BOB", "ROBERT"), ("BOBBY", "ROBERT"),
        ("BILL", "WILLIAM"), ("BILLY", "WILLIAM"), ("WILLIE", "WILLIAM"),
        ("BETH", "ELIZABETH"), ("JON", "JOHN"),
    }
)

#: (nickname, formal names) added: Spanish hypocorisms the source file lacks, then English gaps.
ADDED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Chuy", ("Jesus",)), ("Chucho", ("Jesus",)),
    ("Pepe", ("Jose",)), ("Chepe", ("Jose",)), ("Chema", ("Jose",)), ("Joselito", ("Jose",)),
    ("Paco", ("Francisco",)), ("Pancho", ("Francisco",)), ("Paquito", ("Francisco",)),
    ("Lupe", ("Guadalupe",)), ("Lupita", ("Guadalupe",)),
    ("Memo", ("Guillermo",)),
    ("Nacho", ("Ignacio",)),
    ("Lalo", ("Eduardo",)),
    ("Beto", ("Alberto", "Roberto")),
    ("Toño", ("Antonio",)),
    ("Quique", ("Enrique",)), ("Kike", ("Enrique",)),
    ("Chela", ("Graciela",)),
    ("Conchita", ("Concepcion",)), ("Concha", ("Concepcion",)),
    ("Lola", ("Dolores",)), ("Lolita", ("Dolores",)),
    # "Nena" is mostly an endearment ("baby girl"); as a hypocorism it stands for these two.
    ("Nena", ("Elena", "Magdalena")),
    ("Malena", ("Magdalena",)), ("Magda", ("Magdalena",)),
    ("Chava", ("Salvador",)),
    ("Chente", ("Vicente",)),
    ("Goyo", ("Gregorio",)),
    ("Lencho", ("Lorenzo",)),
    ("Lucho", ("Luis",)),
    ("Nando", ("Fernando",)),
    ("Moncho", ("Ramon",)),
    ("Rafa", ("Rafael",)), ("Felo", ("Rafael",)),
    ("Fito", ("Adolfo", "Rodolfo")),
    ("Charo", ("Rosario",)), ("Chayo", ("Rosario",)),
    ("Chole", ("Soledad",)),
    ("Coco", ("Socorro",)),
    ("Tere", ("Teresa",)),
    ("Paty", ("Patricia",)), ("Pati", ("Patricia",)),
    ("Pili", ("Pilar",)),
    ("Juanito", ("Juan",)),
    # English gaps in the source file
    ("Robbie", ("Robert",)), ("Katie", ("Katherine", "Kathryn", "Catherine")),
    ("Barb", ("Barbara",)), ("Barbie", ("Barbara",)), ("Annie", ("Anna",)),
)

_MALE_TOP = """
James Robert John Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew
Anthony Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward
Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Justin Scott Brandon Benjamin Samuel
Gregory Alexander Frank Patrick Raymond Dennis Tyler Aaron Jose Adam Nathan Henry Douglas Zachary
Peter Kyle Ethan Walter Noah Jeremy Christian Keith Roger Terry Gerald Harold Sean Austin Carl
Arthur Lawrence Dylan Jesse Jordan Bryan Gabriel Logan Albert Alan Juan Wayne Elijah Roy Vincent
Ralph Eugene Russell Mason Philip Louis
"""
# Samantha placed after Samuel on purpose: "Sam" is more often Samuel.
_FEMALE_TOP = """
Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Margaret
Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda Dorothy Melissa Deborah Stephanie Rebecca
Sharon Laura Cynthia Kathleen Amy Angela Shirley Anna Brenda Pamela Emma Nicole Helen Katherine
Christine Debra Rachel Carolyn Janet Samantha Catherine Maria Heather Diane Ruth Julie Olivia
Joyce Virginia Victoria Kelly Lauren Christina Joan Evelyn Judith Megan Andrea Cheryl Hannah
Jacqueline Martha Gloria Teresa Sara Madison Frances Kathryn Janice Jean Abigail Alice Sophia
Grace Denise Amber Doris Marilyn Danielle Beverly Isabella Theresa Diana Natalie Brittany
Charlotte Marie Kayla Alexis Lori
"""
# Left out of tier 1 on purpose, being mostly nicknames: Billy, Bobby, Willie, Joe, Jack, Larry,
# Jerry, Randy, Betty, Judy, Ann (Ann, Anne, Annie then all resolve to ANNA).
_MALE_MORE = """
Frederick Victor Theodore Ernest Francis Edwin Leo Luke Lucas Oliver Ian Reginald Chester
Clifford Lamont Derick Kendrick Irving Wilbur Clement Bartholomew Barnabas August Bradford Brady
Casey Cole Waldo Terence Emanuel Jamie Jessie Delbert
"""
_FEMALE_MORE = """
Julia Jane Eleanor Lucy Rose Louise Josephine Caroline Lillian Matilda Eva Ella Ellen Clara
Eileen Elaine
Marjorie June Lois Valerie Beatrice Madeline Geraldine Cecilia Wilma Amelia Lena Nora Stacy
Lucinda Mariah Marion Maureen Aileen Adele Adeline Adelaide Adela Ada Della Delia Delilah Dorothea
Cassandra Brianna Madelyn Ernestine Eunice Freda Frieda Francine Minerva Phoebe Wilhelmina
Clarissa Cordelia Arabella Lenora Lilly Lily Elsie May
"""
_SPANISH = """
Luis Maria Carlos Ana Jesus Rosa Antonio Guadalupe Miguel Carmen Francisco Juana Manuel Margarita
Jorge Elena Pedro Graciela Roberto Dolores Alejandro Concepcion Ricardo Josefina Fernando Socorro
Eduardo Leticia Javier Veronica Rafael Adriana Mario Gabriela Alberto Alejandra Sergio Isabel
Raul Lucia Guillermo Silvia Enrique Yolanda Arturo Rosario Ramon Soledad Ignacio Magdalena
Alfredo Pilar Salvador Ernesto Vicente Gregorio Lorenzo Adolfo Rodolfo
"""


def _interleave(a: list[str], b: list[str]) -> list[str]:
    out = [x for pair in zip(a, b) for x in pair]
    return out + a[len(b):] + b[len(a):]


def priority_names() -> list[str]:
    """Formal given names, most preferred first, deduplicated (first position wins)."""
    tier1 = _interleave(_MALE_TOP.split(), _FEMALE_TOP.split())
    tier2 = _interleave(_MALE_MORE.split(), _FEMALE_MORE.split())
    keys = [name_key(n) for n in tier1 + tier2 + _SPANISH.split()]
    return list(dict.fromkeys(k for k in keys if k))


def nickname_rows() -> list[tuple[str, str, str]]:
    from nicknames import name_triplets

    rows = set()
    for t in name_triplets():
        if t.relationship != "has_nickname":
            continue
        formal, nick = name_key(t.name1), name_key(t.name2)
        if formal and nick and formal != nick and (formal, nick) not in DROPPED:
            rows.add((nick, formal, "nicknames-1.0.1"))
    for nick, formals in ADDED:
        for formal in formals:
            n, f = name_key(nick), name_key(formal)
            if n and f and not any(r[:2] == (n, f) for r in rows):
                rows.add((n, f, "ids"))
    return sorted(rows)


def _write(path: Path, header: list[str], rows: list) -> None:  # type: ignore[type-arg]
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {path.relative_to(ROOT)}")


def main() -> None:
    _write(DATA / "nicknames.csv", ["nickname", "formal", "source"], nickname_rows())
    _write(DATA / "given_name_priority.csv", ["name"], [[n] for n in priority_names()])


if __name__ == "__main__":
    main()
