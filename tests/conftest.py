"""Fixtures shared by the whole suite: a small, realistic graph of records.

Synthetic test data, clearly marked: none of it is a researched figure, and none of it
enters the seed or the dashboard.
"""

import pytest

from cooperation.models import Citation, Institution, Source, Status, TrainingCohort


@pytest.fixture
def mexico_army(db):
    return Institution.objects.create(
        public_id="mx-sedena",
        country="MX",
        name="Secretaría de la Defensa Nacional",
        short_name="SEDENA",
        kind="armed_forces",
    )


@pytest.fixture
def haiti_army(db):
    return Institution.objects.create(
        public_id="ht-fadh", country="HT", name="Forces Armées d'Haïti", short_name="FAd'H", kind="armed_forces"
    )


@pytest.fixture
def source(db):
    return Source.objects.create(
        public_id="T01",
        title="Synthetic test source",
        publisher="Test Gazette",
        url="https://example.org/synthetic-test-source",
        language="en",
        kind="news",
    )


@pytest.fixture
def cohort(mexico_army, haiti_army, source):
    """A published synthetic cohort of 40 with one citation stating 40."""
    cohort = TrainingCohort.objects.create(
        public_id="cohort-synthetic-2024",
        status=Status.PUBLISHED,
        provider=mexico_army,
        recipient=haiti_army,
        year=2024,
        trainees=40,
        unit="soldiers",
    )
    Citation.objects.create(
        public_id="T-F1",
        source=source,
        cohort=cohort,
        excerpt="Synthetic: 40 soldiers trained.",
        stated_value=40,
        qualifier="exact",
    )
    return cohort


@pytest.fixture
def one_of_each_kind(cohort, mexico_army, haiti_army, source):
    """Synthetic: besides the cohort, a donation, a pledge and a reported figure, each published with a citation."""
    from cooperation.models import EquipmentDonation, Pledge, ReportedFigure

    donation = EquipmentDonation.objects.create(
        public_id="donation-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        category="protective_gear",
        description="Synthetic helmets",
        quantity=100,
        unit="items",
    )
    pledge = Pledge.objects.create(
        public_id="pledge-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        kind="training",
        description="Synthetic promise to train 60",
        quantity=60,
        unit="soldiers",
    )
    reported = ReportedFigure.objects.create(
        public_id="reported-synthetic",
        status=Status.PUBLISHED,
        donor=mexico_army,
        recipient=haiti_army,
        measure="personnel_trained",
        description="Synthetic claim: 90 trained",
        value=90,
        unit="personnel",
    )
    for number, (record, field, value) in enumerate(
        [(donation, "donation", 100), (pledge, "pledge", 60), (reported, "reported_figure", 90)], start=2
    ):
        Citation.objects.create(
            public_id=f"T-F{number}",
            source=source,
            excerpt=f"Synthetic excerpt stating {value}.",
            stated_value=value,
            qualifier="exact",
            **{field: record},
        )
    return {"cohort": cohort, "donation": donation, "pledge": pledge, "reported": reported}


# --- Import and export -----------------------------------------------------------
# Synthetic records built to stress files: accents, quotes, line breaks and formula
# payloads in text cells, partial dates, money. None of it is a researched figure.


@pytest.fixture
def every_kind_of_record(cohort, mexico_army, haiti_army, source):
    """One synthetic record of every data set, cited, with hostile and accented text."""
    from cooperation.models import EquipmentDonation, Pledge, ReportedFigure

    police = Institution.objects.create(
        public_id="ht-pnh", country="HT", name="Police nationale d'Haïti", short_name="PNH", kind="police"
    )
    quoted = Source.objects.create(
        public_id="T02",
        title='Synthetic: "Pétion-Ville" briefing,\nsecond line',
        publisher="=1+1",
        url="https://example.org/synthetic-briefing",
        published="2025-07-01",
        published_precision="month",
        language="fr",
        kind="government_release",
        notes="+1 synthetic note",
    )
    donation = EquipmentDonation.objects.create(
        public_id="donation-synthetic-2025",
        status="published",
        donor=mexico_army,
        recipient=police,
        date="2025-03-04",
        date_precision="day",
        category="protective_gear",
        description="-1 synthetic vests for Cap-Haïtien",
        quantity=120,
        unit="items",
        value="645000.50",
        currency="USD",
    )
    pledge = Pledge.objects.create(
        public_id="pledge-synthetic-2025",
        status="draft",
        donor=mexico_army,
        recipient=haiti_army,
        kind="training",
        description="@x synthetic promise",
        announced="2025-01-01",
        announced_precision="year",
        quantity=150,
        unit="soldiers",
    )
    reported = ReportedFigure.objects.create(
        public_id="reported-synthetic-2025",
        status="published",
        donor=mexico_army,
        recipient=haiti_army,
        measure="personnel_trained",
        description="Synthetic total; «citation» with ‘quotes’",
        value=912,
        unit="personnel",
        stated_on="2025-08-23",
        stated_on_precision="day",
        notes="line one\r\nline two",
    )
    rows = [
        ("T-F2", quoted, {"donation": donation}, "Synthetic: 120 gilets à Cap-Haïtien.", 120),
        ("T-F3", source, {"pledge": pledge}, "Synthetic: will train 150.", 150),
        ("T-F4", quoted, {"reported_figure": reported}, 'Synthetic: "912" trained,\nsays the release.', 912),
        ("T-F5", source, {"cohort": cohort}, "=1+1 synthetic excerpt", None),
    ]
    for public_id, cited, record, excerpt, value in rows:
        Citation.objects.create(
            public_id=public_id,
            source=cited,
            excerpt=excerpt,
            stated_value=value,
            qualifier="exact" if value else "",
            locator="-p. 4",
            **record,
        )
    return {"cohort": cohort, "donation": donation, "pledge": pledge, "reported": reported, "source": quoted}


@pytest.fixture
def write_csv(tmp_path):
    """Writes a synthetic CSV file from rows of cells and returns its path."""
    import csv

    def write(name, rows, encoding="utf-8"):
        path = tmp_path / name
        with open(path, "w", newline="", encoding=encoding) as handle:
            csv.writer(handle).writerows(rows)
        return path

    return write


# --- API personas -------------------------------------------------------------------
# Who may do what through the API (tests/test_api_permissions.py holds the full table):
# - anonymous: reads published records; any write answers 401.
# - viewer: signed in (session), no permission, not staff: reads published records; writes answer 403.
# - editor: staff, signed in (session), with add/change/delete (and publish) permission on every data set:
#   reads drafts too and writes. (DRF checks CSRF for sessions; the test client skips it unless asked.)
# - token client: a script with a token of a staff account holding the same permissions as the editor.


def _api_user(username, *, staff=False, permitted=False):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user(username, password="synthetic-password", is_staff=staff)
    if permitted:
        user.user_permissions.set(
            Permission.objects.filter(
                content_type__app_label="cooperation", codename__regex=r"^(add|change|delete|publish)_"
            )
        )
    return user


@pytest.fixture(autouse=True)
def _fresh_throttle_cache():
    """Throttling counts requests in the cache: every test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def anonymous():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def viewer(db):
    from rest_framework.test import APIClient

    client = APIClient()
    client.force_login(_api_user("viewer"))
    return client


@pytest.fixture
def editor_user(db):
    return _api_user("editor", staff=True, permitted=True)


# API writers in these tests say why they change a record, as a correction to a
# published record must (test_api_change_reasons.py checks the refusal without one).
# As client defaults, a test's own X-Change-Reason still wins.
WRITE_REASON = {"HTTP_X_CHANGE_REASON": "Synthetic test change."}


@pytest.fixture
def editor(editor_user):
    from rest_framework.test import APIClient

    client = APIClient(**WRITE_REASON)
    client.force_login(editor_user)
    return client


@pytest.fixture
def token_client(db):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    token = Token.objects.create(user=_api_user("script", staff=True, permitted=True))
    client = APIClient(**WRITE_REASON)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def make_cohort(mexico_army, haiti_army, source):
    """Synthetic cohorts on demand: ``make_cohort(year=2020, trainees=10, **fields)`` creates a
    published cohort (SEDENA → FAd'H unless told) with one citation stating its number."""
    import itertools

    numbers = itertools.count(1)

    def make(**fields):
        number = next(numbers)
        values = {
            "public_id": f"cohort-synthetic-{number:04d}",
            "status": Status.PUBLISHED,
            "provider": mexico_army,
            "recipient": haiti_army,
            "year": 2020,
            "trainees": 10,
        } | fields
        cohort = TrainingCohort.objects.create(**values)
        Citation.objects.create(
            public_id=f"T-C{number:04d}",
            source=source,
            cohort=cohort,
            excerpt=f"Synthetic: {values['trainees']} trained.",
            stated_value=values["trainees"],
            qualifier="exact" if values["trainees"] else "",
        )
        return cohort

    return make


# --- Role personas (the admin and its workflow; cooperation/roles.py) ------------------------
# Staff accounts in the groups the data migration creates. The clients are the admin's
# (django.test.Client), signed in with force_login, which django-axes does not count.
# - editor_client: in "editor": adds and changes institutions, sources, drafts and records in
#   review with their citations, submits them for review, deletes drafts; sees published and
#   withdrawn records read-only; never publishes.
# - reviewer_client: in "reviewer": what an editor may, and publishes, withdraws, reopens,
#   changes published records (with a reason) and deletes; never publishes a record whose last
#   change is their own (settings.REQUIRE_SECOND_REVIEWER).
# - second_reviewer_client: another reviewer: the second pair of eyes.


def _member(username, role):
    from django.contrib.auth.models import Group, Permission, User

    from cooperation.roles import sync_roles

    if not Group.objects.filter(name=role).exists():  # a flushed database (transactional tests)
        sync_roles(Group, Permission)
    user = User.objects.create_user(username, password="synthetic-password", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


def _signed_in(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def editor_account(db):
    return _member("editor-one", "editor")


@pytest.fixture
def reviewer_account(db):
    return _member("reviewer-one", "reviewer")


@pytest.fixture
def second_reviewer_account(db):
    return _member("reviewer-two", "reviewer")


@pytest.fixture
def editor_client(editor_account):
    return _signed_in(editor_account)


@pytest.fixture
def reviewer_client(reviewer_account):
    return _signed_in(reviewer_account)


@pytest.fixture
def second_reviewer_client(second_reviewer_account):
    return _signed_in(second_reviewer_account)
