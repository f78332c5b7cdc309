"""Azure Blob Storage containers in Terraform that anonymous clients may read.

``container_access_type = "container"`` lets anyone list and download every blob;
``"blob"`` lets anyone download a blob whose name they know or guess. Azure honours either
only while the storage account allows public nested items, which
``allow_nested_items_to_be_public`` (``allow_blob_public_access`` before provider 3.0)
does by default; an account in the same file that sets it to false makes the container
private whatever it says, so that file is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...models import Remediation, Severity
from .._parse.terraform import TerraformFile
from .._rule import ConfigRule, Hit, RuleCategory

ANONYMOUS_READ = "https://learn.microsoft.com/en-us/azure/storage/blobs/anonymous-read-access-configure"
TF_CONTAINER = "https://registry.terraform.io/providers/hashicorp/azurerm/latest/docs/resources/storage_container"

_WHAT = {
    "container": "anyone may list the container and download every blob",
    "blob": "anyone may download any blob whose name they know or guess",
}
_ACCOUNT_SWITCHES = ("allow_nested_items_to_be_public", "allow_blob_public_access")


def _public_containers(tf: TerraformFile) -> Iterator[Hit]:
    accounts = [r for r in tf.resources if r.type == "azurerm_storage_account"]
    if any(account.get(switch) is False for account in accounts for switch in _ACCOUNT_SWITCHES):
        return
    for res in tf.resources:
        access = str(res.get("container_access_type", "")).lower()
        if res.type == "azurerm_storage_container" and access in _WHAT:
            yield Hit(
                res.line_of("container_access_type"),
                f'azurerm_storage_container.{res.name}: container_access_type = "{access}": {_WHAT[access]}, '
                "with no key, token or sign-in",
            )


RULES = (
    ConfigRule(
        id="UG-AZBLOB-001",
        title="Azure storage container allows anonymous read access",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHORIZATION,
        cwe=284,
        description="A container with public access level 'container' or 'blob' serves its blobs to anonymous "
        "clients; storage account names are guessed and their containers listed by scanners.",
        remediation=Remediation(
            summary='Make the container private: container_access_type = "private".',
            steps=(
                'azurerm_storage_container: container_access_type = "private"',
                "azurerm_storage_account: allow_nested_items_to_be_public = false (refuses public containers "
                "for the whole account); share single files with short-lived SAS tokens",
            ),
            references=(ANONYMOUS_READ, TF_CONTAINER),
        ),
        reads=TerraformFile,
        check=_public_containers,
    ),
)
