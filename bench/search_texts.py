"""Full-text search benchmark: "Dans les textes" at 10,000 and 100,000 documents, as a social worker sees it.

Run by ./bin/bench --texts [--db sqlite|postgres] [--sizes 10000,100000] [--repeat N] (bin/bench starts a
throwaway PostgreSQL cluster for --db postgres). On a database of its own it migrates, then writes ten
antennes' files, each file's documents of synthetic French text (words drawn from a social-work vocabulary,
common words often, rare ones seldom; no real data), and their rows of the index of texts. At each size it
times 20 queries (one word, a plural, no accents, two words, a phrase, "ou", an excluded word, a rare word,
a word found nowhere...) through search.fulltext.reading.search_texts(): the count, the first page of 20 hits
and their snippets, with the permission filter of a social worker of one antenne, then of the committee's
secretary (every file). It prints the median and 95th percentile. Goals are read, never asserted: p95 ≤ 100 ms
at 100,000 documents. --verbose adds, for each user, a line per query (its SQL statements' times: the count,
the page of hits, PostgreSQL's snippets) and the plan of the slowest one (EXPLAIN (ANALYZE, BUFFERS) on
PostgreSQL, EXPLAIN QUERY PLAN on SQLite).
"""

from __future__ import annotations

import argparse
import datetime
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 100
TEAMS = 10
DOCUMENTS_PER_FILE = 10
BATCH = 2000

# Words of a social file, from the most to the least frequent (a Zipf-like draw favours the first ones).
VOCABULARY = """
demande aide sociale revenu intégration loyer logement ménage allocation enfant famille personne
situation dossier rapport visite domicile bénéficiaire ressources charges facture énergie électricité
gaz eau propriétaire bail garantie locative contrat travail chômage mutuelle santé médecin certificat
hospitalisation pension invalidité handicap dettes médiation huissier saisie expulsion justice paix
tribunal avocat pro deo séjour titre identité carte commune domicile adresse déménagement école crèche
scolarité repas colis alimentaire épicerie sociale vêtements chauffage mazout compteur budget guidance
administration biens remboursement récupération avance arriérés pension alimentaire créancier banque
compte extrait virement salaire fiche paie indépendant étudiant formation insertion article soixante
emploi PIIS projet individualisé entretien rendez-vous téléphone courrier recommandé convocation comité
décision recours octroi refus révision montant taux cohabitant isolé charge médicaments pharmacie
transport abonnement TEC permis voiture assurance incendie responsabilité civile sinistre réparation
humidité moisissure insalubrité inspection régional urgence nuit abri hébergement maison accueil
violence conjugale séparation divorce garde droit visite tutelle majeur protégé administrateur
provisoire curatelle
""".split()  # noqa: SIM905 - a list of words reads better as text
FILLER = """
le la les un une des de du et à au en pour par avec dans sur est sont a été avons ont fait reçu demandé
indiqué signalé constaté vérifié transmis prévu depuis pendant selon après avant chez mois semaine jour
madame monsieur son sa ses leur notre cette ce
""".split()  # noqa: SIM905 - a list of words reads better as text
# The k-th word of the vocabulary is drawn 1/k as often as the first (Zipf's law), as cumulative weights.
_ZIPF = list(itertools.accumulate(1 / rank for rank in range(1, len(VOCABULARY) + 1)))
MONTHS = """
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
""".split()  # noqa: SIM905 - a list of words reads better as text
QUERIES = [
    "loyer",
    "loyers",
    "chomage",
    "allocations familiales",
    "revenu d'intégration",
    '"garantie locative"',
    "expulsion huissier",
    "énergie ou chauffage",
    "facture -gaz",
    "médiation de dettes",
    "curatelle",
    "moisissure insalubrité",
    "pension alimentaire",
    "mazout",
    "certificat médical hospitalisation",
    "rendez-vous PIIS",
    "abri de nuit",
    "violence conjugale",
    "octobre",
    "zeppelin",
]


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bin/bench --texts", description=__doc__.splitlines()[0])
    parser.add_argument("--texts", action="store_true", help="(bin/bench's switch for this benchmark)")
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--sizes", default="10000,100000", help="document counts, in increasing order")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds of the 20 queries (default 5)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--verbose", action="store_true", help="each query's statements, the slowest's plan")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",")]
    if args.sizes != sorted(args.sizes) or args.repeat < 1:
        parser.error("--sizes must increase, --repeat be at least 1")
    return args


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def sentence(rng: random.Random) -> str:
    """A sentence of a report or a letter: social-work words among everyday ones."""
    size = rng.randint(8, 18)
    words = []
    for _n in range(size):
        if rng.random() < 0.45:
            words.append(rng.choice(FILLER))
        else:
            words += rng.choices(VOCABULARY, cum_weights=_ZIPF)
    if rng.random() < 0.2:
        words.append(f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2019, 2026)}")
    return " ".join(words).capitalize() + "."


def text(rng: random.Random) -> str:
    """A page or two of text (about 150 words) with a form feed between pages."""
    pages = ["\n".join(sentence(rng) for _n in range(rng.randint(4, 7))) for _p in range(rng.randint(1, 2))]
    return "\f".join(pages)


class World:
    """Ten antennes, a social worker in each, a secretary; files and their documents added as asked."""

    def __init__(self, rng: random.Random) -> None:
        from django.contrib.auth.models import Group, User

        from access.models import Membership, Team
        from access.roles import Role
        from documents.models import DocumentType

        self.rng = rng
        self.teams = [Team.objects.create(name=f"Antenne {n}") for n in range(TEAMS)]
        workers = Group.objects.get_or_create(name=Role.SOCIAL_WORKER.value)[0]
        self.workers = []
        for n, team in enumerate(self.teams):
            user = User.objects.create(username=f"as{n}", first_name="Agent", last_name=f"Social {n}")
            user.groups.add(workers)
            Membership.objects.create(user=user, team=team)
            self.workers.append(user)
        self.worker = self.workers[0]
        self.secretary = User.objects.create(username="secretaire", last_name="Secrétaire")
        self.secretary.groups.add(Group.objects.get_or_create(name=Role.COMMITTEE_SECRETARY.value)[0])
        self.types = [
            DocumentType.objects.create(code=code, label=label)
            for code, label in (
                ("bail", "Bail"),
                ("fiche-paie", "Fiche de paie"),
                ("extrait", "Extrait de compte"),
                ("facture", "Facture d'énergie"),
                ("certificat", "Certificat médical"),
                ("courrier", "Courrier reçu"),
            )
        ]
        self.documents = 0
        self.files = 0

    def grow(self, documents: int) -> None:
        """Add files and documents (with their index rows) until there are `documents` of them."""
        from access.confidentiality import Level
        from documents.models import Document
        from files.models import SocialFile
        from people.models import Person
        from search.fulltext.indexing import _with_terms
        from search.models import IndexedText

        rng = self.rng
        while self.documents < documents:
            count = min(BATCH, documents - self.documents)
            files = []
            for _n in range(count // DOCUMENTS_PER_FILE):
                self.files += 1
                person = Person(
                    last_name=f"Nom{self.files}", first_names="Prénom", search_name=f"nom{self.files}"
                )
                files.append((person, self.teams[self.files % TEAMS]))
            Person.objects.bulk_create([p for p, _t in files])
            social_files = SocialFile.objects.bulk_create(
                SocialFile(reference=f"B/{self.files - len(files) + n + 1:07d}", beneficiary=p, team=t)
                for n, (p, t) in enumerate(files)
            )
            documents_made, rows = [], []
            for file in social_files:
                author = self.workers[self.teams.index(file.team)]
                for _d in range(DOCUMENTS_PER_FILE):
                    day = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(2500))
                    level = Level.TEAM if rng.random() < 0.9 else rng.choice([Level.RESTRICTED, Level.SEALED])
                    kind = rng.choice(self.types)
                    documents_made.append(
                        Document(
                            file=file,
                            person_id=file.beneficiary_id,
                            type=kind,
                            title=f"{kind.label} {day:%m/%Y}",
                            document_date=day,
                            confidentiality=level,
                            author=author,
                        )
                    )
            Document.objects.bulk_create(documents_made)
            for document in documents_made:
                rows.append(
                    _with_terms(
                        IndexedText(
                            kind=IndexedText.Kind.DOCUMENT,
                            document_id=document.pk,
                            file_id=document.file_id,
                            document_type_id=document.type_id,
                            person_id=document.person_id,
                            author_id=document.author_id,
                            date=document.document_date,
                            confidentiality=document.confidentiality,
                            title=document.title,
                            label=document.type.label,
                            text=text(rng),
                        )
                    )
                )
            IndexedText.objects.bulk_create(rows)
            self.documents += len(documents_made)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def statement(sql: str) -> str:
    """Which part of a search an SQL statement is: the count (the rows found, unordered), the page of hits
    (ordered) or PostgreSQL's snippets."""
    if "ts_headline" in sql:
        return "snippets"
    return "page" if "ORDER BY" in sql.upper() else "count"


STATEMENTS = ("count", "page", "snippets")


@dataclass
class Timed:
    """One query's searches: wall clock and this process's CPU (all of the cost on SQLite, which runs in the
    process; what a busy machine does not inflate), milliseconds; the time of each kind of SQL statement."""

    query: str
    hits: int = 0
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    statements: dict[str, list[float]] = field(default_factory=dict)
    sql: list[str] = field(default_factory=list)


def measure(user, repeat: int) -> list[Timed]:
    """Each query searched (count, first page, snippets) `repeat` times after a warm-up."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.fulltext.reading import search_texts

    timed = {query: Timed(query) for query in QUERIES}

    def once(query: str) -> None:
        entry = timed[query]
        with CaptureQueriesContext(connection) as captured:
            wall, cpu = time.perf_counter(), time.process_time()
            _parsed, page = search_texts(user, query)
            entry.hits = page.paginator.count
            list(page.object_list)
            entry.wall.append((time.perf_counter() - wall) * 1000)
            entry.cpu.append((time.process_time() - cpu) * 1000)
        entry.sql = [q["sql"] for q in captured.captured_queries]
        for q in captured.captured_queries:
            entry.statements.setdefault(statement(q["sql"]), []).append(float(q["time"]) * 1000)

    for query in QUERIES:  # warm-up
        once(query)
    for entry in timed.values():
        entry.wall, entry.cpu, entry.statements = [], [], {}
    for _round in range(repeat):
        for query in QUERIES:
            once(query)
    return list(timed.values())


def detail(timed: list[Timed]) -> list[str]:
    """A line per query, slowest first, with the median of each kind of statement (wall clock, ms)."""
    median = statistics.median
    lines = [
        "| query | hits | median ms | p95 ms | CPU median ms | " + " | ".join(STATEMENTS) + " |",
        "| --- | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _s in STATEMENTS) + " |",
    ]
    for entry in sorted(timed, key=lambda e: median(e.wall), reverse=True):
        parts = [f"{median(entry.statements[s]):.1f}" if s in entry.statements else "" for s in STATEMENTS]
        lines.append(
            f"| {entry.query} | {entry.hits:,} | {median(entry.wall):.1f} | {p95(entry.wall):.1f} | "
            f"{median(entry.cpu):.1f} | " + " | ".join(parts) + " |"
        )
    from django.db import connection

    if connection.vendor == "sqlite":
        lines.append("(SQLite: a statement's time is its execute(); rows read after it count in CPU only)")
    return lines


def plans(entry: Timed) -> list[str]:
    """The plan of each SQL statement of a search, as the database ran it (PostgreSQL) or would (SQLite)."""
    from django.db import connection

    explain = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
    lines = [f"Plans of « {entry.query} »:"]
    with connection.cursor() as cursor:
        for sql in entry.sql:
            cursor.execute(explain + sql)
            lines += ["", sql, ""] + ["    " + " ".join(map(str, row)) for row in cursor.fetchall()]
    return lines


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossier-bench-texts-") as directory:
        sys.path.insert(0, str(ROOT))
        from bench.scale.__main__ import as_application, prepare

        prepare(args.db, Path(directory))
        from django.core.management import call_command
        from django.db import connection

        call_command("migrate", verbosity=0, interactive=False)
        world = World(random.Random(args.seed))
        lines = [
            f"Full-text search on {connection.vendor}: {len(QUERIES)} queries × {args.repeat} rounds; "
            f"goal p95 ≤ {GOAL_MS} ms at 100,000 documents",
            "",
            "| documents | user | hits (median) | median ms | p95 ms | max ms | CPU median / p95 ms |",
            "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for size in args.sizes:
            print(f"[{time.monotonic() - started:5.0f} s] writing {size} documents", flush=True)
            world.grow(size)
            analyze()
            as_application(True)
            users = (
                ("social worker (1 antenne of 10)", world.worker),
                ("secretary (every file)", world.secretary),
            )
            for label, user in users:
                timed = measure(user, args.repeat)
                times = [t for entry in timed for t in entry.wall]
                cpu = [t for entry in timed for t in entry.cpu]
                median = statistics.median
                lines.append(
                    f"| {size:,} | {label} | {median(e.hits for e in timed):,.0f} | {median(times):.1f} | "
                    f"{p95(times):.1f} | {max(times):.1f} | {median(cpu):.1f} / {p95(cpu):.1f} |"
                )
                print(lines[-1], flush=True)
                if args.verbose:
                    print(f"\n{size:,} documents, {label}:", *detail(timed), sep="\n")
                    slowest = max(timed, key=lambda e: statistics.median(e.wall))
                    print("", *plans(slowest), "", sep="\n", flush=True)
            as_application(False)
        print("\n".join(lines))
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
