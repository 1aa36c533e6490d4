import re

import pytest
from django.urls import reverse

from cooperation.models import Status


def test_healthz_answers_ok_after_asking_the_database(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_home_shows_a_published_record_with_its_source(client, cohort):
    response = client.get("/")
    page = response.content.decode()
    assert response.status_code == 200
    # The synthetic cohort (SEDENA → FAd'H, 2024, 40) is in the default scope, Mexico → Haiti.
    assert 'data-headline="trained" data-value="40"' in page
    assert "cohort-synthetic-2024" in page  # in the numbered sources, as the record its source states
    assert "Test Gazette" in page
    assert reverse("source-detail", args=["T01"]) in page


def test_home_hides_drafts(client, cohort):
    cohort.status = Status.DRAFT
    cohort.save()
    page = client.get("/").content.decode()
    assert "cohort-synthetic-2024" not in page
    assert 'data-headline="trained" data-value="0"' in page


def test_home_query_count_does_not_grow_with_records(client, cohort, make_cohort, django_assert_max_num_queries):
    # Institutions for the form, 7 for the training statistics, 1 for the donations and 2
    # for the sources behind the charts: 11, whatever the rows (tests/test_dashboard.py).
    with django_assert_max_num_queries(11):
        client.get("/")
    for year in range(2000, 2030):
        make_cohort(year=year)
    with django_assert_max_num_queries(11):
        client.get("/")


def test_record_page_shows_every_citation_excerpt(client, cohort):
    response = client.get(cohort.get_absolute_url())
    assert response.status_code == 200
    assert "Synthetic: 40 soldiers trained." in response.content.decode()


def test_draft_record_page_is_not_found(client, cohort):
    cohort.status = Status.DRAFT
    cohort.save()
    assert client.get(cohort.get_absolute_url()).status_code == 404


def test_unknown_data_set_is_not_found(client, db):
    assert client.get("/data/nonsense/x/").status_code == 404


def test_source_page_lists_the_figures_it_states(client, cohort, source):
    page = client.get(source.get_absolute_url()).content.decode()
    assert cohort.public_id in page
    assert "Synthetic: 40 soldiers trained." in page


def test_institution_page_lists_records_given_and_received(client, cohort, mexico_army, haiti_army):
    for institution in (mexico_army, haiti_army):
        assert cohort.public_id in client.get(institution.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/data/cohorts/cohort-synthetic-2024/",
        "/sources/T01/",
        "/institutions/mx-sedena/",
        "/data/cohorts/",
        "/sources/",
        "/methodology/",
        "/embed/cumulative/",
    ],
)
def test_every_page_has_exactly_one_h1(client, cohort, url):
    page = client.get(url).content.decode()
    assert len(re.findall(r"<h1[\s>]", page)) == 1
