import pytest
from django.contrib import admin
from django.urls import reverse

from cooperation.models import Citation, TrainingCohort

MODELS = [model for model in admin.site._registry if model._meta.app_label == "cooperation"]


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "synthetic-pass")
    client.force_login(user)
    return client


def test_every_domain_model_has_an_admin():
    assert {model.__name__ for model in MODELS} == {
        "Institution",
        "Source",
        "Citation",
        "TrainingCohort",
        "EquipmentDonation",
        "Pledge",
        "ReportedFigure",
    }


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("page", ["changelist", "add"])
def test_admin_pages_answer_for_a_superuser(superuser_client, cohort, model, page):
    url = reverse(f"admin:cooperation_{model._meta.model_name}_{page}")
    assert superuser_client.get(url).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_admin_change_pages_answer_for_a_superuser(superuser_client, one_of_each_kind, model):
    obj = model.objects.first()
    url = reverse(f"admin:cooperation_{model._meta.model_name}_change", args=[obj.pk])
    assert superuser_client.get(url).status_code == 200


def test_admin_search_finds_a_record_by_its_excerpt(superuser_client, cohort):
    url = reverse("admin:cooperation_trainingcohort_changelist")
    assert cohort.public_id in superuser_client.get(url, {"q": "40 soldiers trained"}).content.decode()
    assert cohort.public_id not in superuser_client.get(url, {"q": "no such words"}).content.decode()


def _cohort_form(mexico_army, haiti_army, source, *, trainees, stated_value, status="draft"):
    prefix = "citations"
    return {
        "public_id": "cohort-from-admin",
        "status": status,
        "provider": mexico_army.pk,
        "recipient": haiti_army.pk,
        "programme": "",
        "place": "",
        "year": "2024",
        "trainees": str(trainees),
        "unit": "soldiers",
        "stage": "completed",
        "notes": "",
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
        f"{prefix}-0-public_id": "",
        f"{prefix}-0-source": source.pk,
        f"{prefix}-0-excerpt": "Synthetic excerpt: 25 trained.",
        f"{prefix}-0-stated_value": str(stated_value),
        f"{prefix}-0-stated_unit": "soldiers",
        f"{prefix}-0-qualifier": "exact",
        f"{prefix}-0-locator": "",
        f"{prefix}-0-notes": "",
    }


def test_admin_saves_a_cohort_with_its_citation(superuser_client, mexico_army, haiti_army, source):
    url = reverse("admin:cooperation_trainingcohort_add")
    response = superuser_client.post(url, _cohort_form(mexico_army, haiti_army, source, trainees=25, stated_value=25))
    assert response.status_code == 302
    cohort = TrainingCohort.objects.get(public_id="cohort-from-admin")
    assert cohort.trainees == 25
    assert list(cohort.citations.values_list("stated_value", flat=True)) == [25]
    assert Citation.objects.get(cohort=cohort).public_id == "C0001"


def test_admin_refuses_a_headline_no_citation_states(superuser_client, mexico_army, haiti_army, source):
    url = reverse("admin:cooperation_trainingcohort_add")
    response = superuser_client.post(url, _cohort_form(mexico_army, haiti_army, source, trainees=30, stated_value=25))
    assert response.status_code == 200
    assert "is not stated by any citation" in response.content.decode()
    assert not TrainingCohort.objects.filter(public_id="cohort-from-admin").exists()


# --- Usability -----------------------------------------------------------------------------


def test_a_cohort_that_looks_like_an_existing_one_asks_before_saving(editor_client, cohort, source):
    from tests.adminform import change_form

    url = reverse("admin:cooperation_trainingcohort_add")
    data = change_form(editor_client, url, "trainingcohort") | _cohort_form(
        cohort.provider, cohort.recipient, source, trainees=40, stated_value=40
    )
    warned = editor_client.post(url, data)
    page = warned.content.decode()
    assert warned.status_code == 200
    assert "This looks like a record that already exists:" in page
    assert f'href="/admin/cooperation/trainingcohort/{cohort.pk}/change/">cohort-synthetic-2024</a>' in page
    assert "(same provider, recipient, year and number)" in page
    assert not TrainingCohort.objects.filter(public_id="cohort-from-admin").exists()
    assert editor_client.post(url, data | {"save_anyway": "on"}).status_code == 302
    assert TrainingCohort.objects.filter(public_id="cohort-from-admin").exists()


def test_a_donation_that_looks_like_an_existing_one_asks_before_saving(editor_client, one_of_each_kind, source):
    from tests.adminform import change_form

    donation = one_of_each_kind["donation"]
    donation.date, donation.date_precision = "2024-05-01", "month"
    donation.save()
    url = reverse("admin:cooperation_equipmentdonation_add")
    data = change_form(editor_client, url, "equipmentdonation") | {
        "donor": donation.donor_id,
        "recipient": donation.recipient_id,
        "date": "2024-09-09",
        "date_precision": "day",
        "category": "protective_gear",
        "description": "Synthetic helmets again",
        "quantity": "100",
    }
    assert "This looks like a record that already exists:" in editor_client.post(url, data).content.decode()
    # Without the number (no citation states one yet) it is not a look-alike.
    assert editor_client.post(url, data | {"quantity": ""}).status_code == 302


def test_lists_filter_by_status_year_institution_and_country(superuser_client, one_of_each_kind):
    page = superuser_client.get(reverse("admin:cooperation_trainingcohort_changelist"))
    titles = [spec.title for spec in page.context["cl"].filter_specs]
    assert [str(title) for title in titles] == [
        "status",
        "year",
        "donor country",
        "recipient country",
        "stage",
        "recipient",
        "provider",
    ]
    url = reverse("admin:cooperation_trainingcohort_changelist")
    assert superuser_client.get(url, {"year": "2024", "donor_country": "MX"}).context["cl"].result_count == 1
    assert superuser_client.get(url, {"year": "2023"}).context["cl"].result_count == 0
    assert superuser_client.get(url, {"recipient_country": "US"}).context["cl"].result_count == 0


@pytest.mark.parametrize(
    ("model", "field"),
    [("equipmentdonation", "date"), ("pledge", "announced"), ("reportedfigure", "stated_on"), ("source", "published")],
)
def test_lists_have_a_date_hierarchy(superuser_client, one_of_each_kind, model, field):
    page = superuser_client.get(reverse(f"admin:cooperation_{model}_changelist"))
    assert page.context["cl"].date_hierarchy == field


def test_only_published_records_link_to_their_public_page(superuser_client, cohort):
    url = reverse("admin:cooperation_trainingcohort_change", args=[cohort.pk])
    assert "View on site" in superuser_client.get(url).content.decode()
    TrainingCohort.objects.filter(pk=cohort.pk).update(status="draft")
    assert "View on site" not in superuser_client.get(url).content.decode()


def test_help_texts_give_examples_from_the_data(superuser_client):
    page = superuser_client.get(reverse("admin:cooperation_trainingcohort_add")).content.decode()
    assert "e.g. 143" in page
    assert "e.g. SEDENA" in page
