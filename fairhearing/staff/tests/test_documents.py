"""The documents and notes pages: who may upload, add notes and download; what a download sends;
that files have no other URL; CSRF; and that the panel's query count does not grow with rows."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.views import serve as staticfiles_serve
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.views.static import serve as static_serve

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.audit.models import AuditEvent
from fairhearing.cases.attachments import document_upload, note_add
from fairhearing.cases.models import Document, DocumentKind, Note
from fairhearing.cases.permissions import Action
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.test_attachments import (  # noqa: F401  (documents_root is an autouse fixture)
    EXE,
    PDF,
    documents_root,
    docx_bytes,
)
from fairhearing.staff.views import documents as views
from fairhearing.stages.services import (
    PointFinding,
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_appoint,
)

D = datetime.date
LATER = D(2023, 12, 29)
pytestmark = pytest.mark.django_db


@pytest.fixture
def complaint():
    return make_complaint(actor=officer())


def pdf(name: str = "letter.pdf", data: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def file_on(complaint, name: str = "letter.pdf", data: bytes = PDF, title: str = "Letter") -> Document:
    return document_upload(complaint=complaint, uploaded_file=pdf(name, data), title=title,
                           kind=DocumentKind.LETTER, actor=officer())


def urls(complaint, document: Document | None = None) -> dict[str, str]:
    found = {
        "upload": reverse("staff:document_upload", args=[complaint.reference]),
        "note": reverse("staff:note_add", args=[complaint.reference]),
        "list": reverse("staff:complaint_documents", args=[complaint.reference]),
    }
    if document is not None:
        found["download"] = reverse("staff:document_download", args=[complaint.reference, document.pk])
    return found


def appointed_investigator(complaint):
    """Take the complaint to Stage 2 and appoint an Investigating Officer, who is returned."""
    stage = stage_one_start(complaint=complaint, actor=officer(), today=LATER)
    stage_respond(stage=stage, responded_on=D(2022, 1, 18), findings={1: PointFinding("upheld"),
                  2: PointFinding("not_upheld")}, actor=officer(), today=LATER)
    stage_two = stage_request_next(complaint=complaint, requested_on=D(2022, 2, 1), actor=officer(), today=LATER)
    investigator = UserFactory(roles=[Role.INVESTIGATOR])
    stage_two_appoint(stage=stage_two, investigating_officer=investigator, independent_person=UserFactory(
        roles=[Role.INVESTIGATOR]), appointed_on=D(2022, 2, 10), actor=officer(), today=LATER)
    return investigator


def user_for(who: str, complaint):
    """A user described by ``who``: a role, optionally with ':own' / ':other' team or ':appointed'."""
    role, _, detail = who.partition(":")
    if role == "superuser":
        return UserFactory(is_superuser=True)
    if detail == "appointed":
        return appointed_investigator(complaint)
    user = UserFactory(roles=[role] if role else [])
    if detail == "own":
        user.teams.add(complaint.teams.get())
    elif detail == "other":
        user.teams.add(TeamFactory(name="Fostering"))
    return user


ALLOWED = ["complaints_manager", "complaints_officer", "senior_manager", "responding_manager:own",
           "investigator:appointed", "superuser"]
DENIED = ["responding_manager:other", "investigator", "learning_lead", "report_reader", "administrator", ""]


@pytest.mark.parametrize("who", ALLOWED)
def test_roles_that_may_act_can_upload_add_notes_and_download(client, complaint, who):
    document = file_on(complaint)
    client.force_login(user_for(who, complaint))
    pages = urls(complaint, document)
    assert client.get(pages["upload"]).status_code == 200
    assert client.get(pages["note"]).status_code == 200
    response = client.post(pages["upload"], {"file": pdf(), "title": "Evidence", "kind": "evidence"})
    assert response.status_code == 302
    assert client.post(pages["note"], {"text": "Rang the complainant"}).status_code == 302
    assert Document.objects.filter(complaint=complaint).count() == 2
    assert Note.objects.filter(complaint=complaint).count() == 1
    response = client.get(pages["download"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.parametrize("who", DENIED)
def test_everyone_else_gets_404_for_every_documents_page(client, complaint, who):
    document = file_on(complaint)
    client.force_login(user_for(who, complaint))
    for url in urls(complaint, document).values():
        assert client.get(url).status_code == 404, url
    pages = urls(complaint)
    assert client.post(pages["upload"], {"file": pdf(), "title": "Evidence", "kind": "evidence"}).status_code == 404
    assert client.post(pages["note"], {"text": "Rang the complainant"}).status_code == 404
    assert (Document.objects.count(), Note.objects.count()) == (1, 0)


def test_anonymous_users_are_sent_to_sign_in(client, complaint):
    document = file_on(complaint)
    for url in urls(complaint, document).values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    client.post(urls(complaint)["note"], {"text": "Rang the complainant"})
    assert not Note.objects.exists()


def test_a_user_who_sees_the_complaint_but_may_not_act_gets_403_and_no_links(client, complaint, monkeypatch):
    monkeypatch.setattr(views, "complaint_actions", lambda **kwargs: frozenset({Action.VIEW}))
    client.force_login(officer())
    pages = urls(complaint)
    assert client.get(pages["upload"]).status_code == 403
    assert client.post(pages["note"], {"text": "Rang the complainant"}).status_code == 403
    page = client.get(pages["list"]).content.decode()
    assert pages["upload"] not in page and pages["note"] not in page
    assert not Note.objects.exists()


def test_an_appointed_investigator_may_upload_only_to_their_own_case(client, complaint):
    investigator = appointed_investigator(complaint)
    other = make_complaint(actor=officer())
    client.force_login(investigator)
    assert client.get(urls(complaint)["upload"]).status_code == 200
    assert client.get(urls(other)["upload"]).status_code == 404


def test_download_sends_a_safe_attachment_and_is_audited(client, complaint):
    document = file_on(complaint, name="Café letter.pdf")
    user = officer()
    client.force_login(user)
    response = client.get(urls(complaint, document)["download"])
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        "attachment; filename=\"Cafe letter.pdf\"; filename*=UTF-8''Caf%C3%A9%20letter.pdf"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Length"] == str(len(PDF))
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content) == PDF
    event = AuditEvent.objects.get(verb="document.downloaded")
    assert (event.actor, event.subject_id, event.summary) == (user, document.pk, "Document downloaded")
    assert event.data == {"complaint_id": complaint.pk}


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ('a "quoted"; name.pdf', "attachment; filename=\"a _quoted__ name.pdf\"; "
                                 "filename*=UTF-8''a%20%22quoted%22%3B%20name.pdf"),
        ("日本語.pdf", "attachment; filename=\"document.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.pdf"),
    ],
)
def test_download_names_cannot_break_the_header(name, header):
    assert views.content_disposition(name) == header


def test_another_complaints_document_is_404(client, complaint):
    other = make_complaint(actor=officer())
    theirs = file_on(other)
    client.force_login(officer())
    wrong = reverse("staff:document_download", args=[complaint.reference, theirs.pk])
    assert client.get(wrong).status_code == 404
    assert client.get(reverse("staff:document_download", args=[complaint.reference, 999_999])).status_code == 404
    assert not AuditEvent.objects.filter(verb="document.downloaded").exists()


def _patterns(resolver: URLResolver):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(pattern)
        elif isinstance(pattern, URLPattern):
            yield pattern


def test_documents_have_no_url_but_the_download_view(client, complaint):
    """No static or media route serves DOCUMENTS_ROOT, and the paths a file might be guessed at
    (including the URL the storage would build) are all 404."""
    document = file_on(complaint)
    callbacks = {pattern.callback for pattern in _patterns(get_resolver())}
    assert static_serve not in callbacks and staticfiles_serve not in callbacks
    root = Path(settings.DOCUMENTS_ROOT).resolve()
    for public in (settings.STATIC_ROOT, settings.MEDIA_ROOT, *settings.STATICFILES_DIRS):
        assert not root.is_relative_to(Path(public).resolve())
    name = document.file.name
    try:
        storage_url = document.file.url
    except ValueError:  # a storage with no URL at all is better still
        storage_url = f"/{name}"
    client.force_login(officer())
    for url in {storage_url, f"/{name}", f"/media/{name}", f"{settings.STATIC_URL}{name}",
                f"/static/{name}", f"/documents/{name}", f"/var/documents/{name}"}:
        response = client.get(url if url.startswith("/") else f"/{url}")
        assert response.status_code == 404, url


def test_csrf_token_is_required(complaint):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer())
    pages = urls(complaint)
    assert csrf_client.post(pages["note"], {"text": "No token"}).status_code == 403
    assert csrf_client.post(pages["upload"], {"file": pdf(), "title": "T", "kind": "evidence"}).status_code == 403
    assert not Note.objects.exists() and not Document.objects.exists()
    for page, data in ((pages["note"], {"text": "With token"}),
                       (pages["upload"], {"file": pdf(), "title": "T", "kind": "evidence"})):
        form = csrf_client.get(page).content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        assert csrf_client.post(page, {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert Note.objects.count() == 1 and Document.objects.count() == 1


def test_upload_page_is_a_gov_uk_form(client, complaint):
    client.force_login(officer())
    page = client.get(urls(complaint)["upload"]).content.decode()
    assert '<form novalidate method="post" enctype="multipart/form-data">' in page
    assert 'class="govuk-drop-zone" data-module="govuk-file-upload"' in page
    assert "JPG, PNG, GIF, HEIC, TXT or CSV. The file must be smaller than 20 MB." in page


def test_every_problem_is_reported_at_once(client, complaint):
    client.force_login(officer())
    page = client.post(urls(complaint)["upload"], {"title": ""}).content.decode()
    assert "<title>Error:" in page and "There is a problem" in page
    for message in ("Select a file", "Enter a title for the document", "Select what kind of document this is"):
        assert message in page
    page = client.post(urls(complaint)["upload"], {"file": pdf("setup.exe", EXE), "title": ""}).content.decode()
    assert "The selected file is a program" in page and "Enter a title for the document" in page
    page = client.post(urls(complaint)["upload"], {"file": pdf("empty.pdf", b""), "title": "T",
                                                   "kind": "other"}).content.decode()
    assert "The selected file is empty" in page
    page = client.post(urls(complaint)["note"], {"text": "  "}).content.decode()
    assert '<a href="#id_text">Enter the note</a>' in page
    assert not Document.objects.exists() and not Note.objects.exists()


def test_oversize_files_are_refused_on_the_page(client, complaint, settings):
    settings.DOCUMENT_MAX_MB = 1
    client.force_login(officer())
    big = pdf("big.pdf", PDF + b"%" * (1024 * 1024))
    page = client.post(urls(complaint)["upload"], {"file": big, "title": "Big", "kind": "other"}).content.decode()
    assert "The selected file must be smaller than 1 MB" in page
    assert not Document.objects.exists()


def test_a_large_upload_streamed_to_disk_is_checked_and_stored(client, complaint):
    """Over 2.5 MB Django keeps an upload in a temporary file, which the storage moves into place."""
    client.force_login(officer())
    data = b"Visit notes, line after line.\n" * 100_000
    response = client.post(urls(complaint)["upload"], {"file": SimpleUploadedFile("notes.txt", data),
                                                       "title": "Notes", "kind": "evidence"})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.size == len(data) and document.content_type == "text/plain; charset=utf-8"
    with document.file.open("rb") as stored:
        assert stored.read() == data


def test_after_saving_the_user_returns_to_the_case(client, complaint):
    client.force_login(officer())
    response = client.post(urls(complaint)["upload"], {"file": pdf(), "title": "Letter", "kind": "letter"},
                           follow=True)
    detail = reverse("staff:complaint_detail", args=[complaint.reference])
    assert response.redirect_chain[-1][0] == f"{detail}#documents"
    assert "Document uploaded" in response.content.decode()
    response = client.post(urls(complaint)["note"], {"text": "Called"})
    assert response.url == f"{detail}#notes"


def test_panel_lists_documents_and_notes_newest_first(client, complaint):
    uploader = UserFactory(first_name="Priya", last_name="Shah", roles=[Role.COMPLAINTS_OFFICER])
    document = document_upload(complaint=complaint, uploaded_file=pdf("report.docx", docx_bytes()),
                               title="Investigation report", kind=DocumentKind.REPORT, actor=uploader)
    note_add(complaint=complaint, text="First call", actor=uploader)
    note_add(complaint=complaint, text="Second call\nwith a new line", actor=officer())
    client.force_login(officer())
    page = client.get(urls(complaint)["list"]).content.decode()
    for text in ("Investigation report", "Investigation or panel report", "Priya Shah", "Word",
                 urls(complaint, document)["download"], "Second call<br>with a new line",
                 urls(complaint)["upload"], urls(complaint)["note"]):
        assert text in page, text
    assert page.index("Second call") < page.index("First call")
    assert AuditEvent.objects.filter(verb="record.viewed", subject_id=complaint.pk).exists()


def test_panel_query_count_does_not_grow_with_rows(client, complaint, django_assert_max_num_queries):
    client.force_login(officer())
    file_on(complaint)
    note_add(complaint=complaint, text="Note", actor=UserFactory())
    with django_assert_max_num_queries(30) as few:
        client.get(urls(complaint)["list"])
    for number in range(6):
        document_upload(complaint=complaint, uploaded_file=pdf(), title=f"Letter {number}", kind="letter",
                        actor=UserFactory())
        note_add(complaint=complaint, text=f"Note {number}", actor=UserFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(urls(complaint)["list"]).content.decode()
    assert page.count("/download/") == 7


def panel(complaint, actions):
    context = views.documents_panel_context(complaint=complaint, actions=frozenset(actions))
    return render_to_string("staff/documents/_panel.html", {"complaint": complaint, **context})


def test_panel_shows_documents_notes_and_only_the_allowed_links(complaint):
    file_on(complaint, title="Letter to mum")
    note_add(complaint=complaint, text="Rang mum", actor=officer())
    html = panel(complaint, ())
    assert "Letter to mum" in html and "Rang mum" in html
    assert "Upload a document" not in html and "Add a note" not in html
    empty = make_complaint(actor=officer())
    html = panel(empty, {Action.UPLOAD})
    assert "No documents yet." in html and "No notes yet." in html and "Upload a document" in html
