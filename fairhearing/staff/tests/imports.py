"""What the tests of the register import pages share: the pages' addresses and uploading a file.
Their fixtures (documents_root, register_team, manager, signed_in) are in conftest.py."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

UPLOAD = reverse("staff:import_register")
PREVIEW = reverse("staff:import_preview")
CONFIRM = reverse("staff:import_confirm")


def upload(client, data: bytes, name: str = "register.csv"):
    """Upload a register file on the import page."""
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, data)})
