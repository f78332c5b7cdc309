"""S3 and MinIO buckets in Terraform: public policies, public ACLs, public access blocks turned off.

A bucket policy statement counts when it allows ``Principal: "*"`` (or ``{"AWS": "*"}``)
to read or list (``s3:GetObject``, ``s3:ListBucket``, ``s3:*``) without a ``Condition``
(a condition such as ``aws:SourceVpce`` or ``aws:SourceIp`` narrows "anyone" to
something this file cannot judge). Policies are read from ``jsonencode({...})``, a
heredoc, a literal JSON string or a ``data "aws_iam_policy_document"`` in the file or its
folder (``policy = data.aws_iam_policy_document.x.json``); other computed values are
unknown here and never counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...models import Remediation, Severity
from .._parse.terraform import HclBlock, TerraformFile
from .._rule import ConfigRule, Hit, RuleCategory

BLOCK_PUBLIC = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html"
S3_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"
ACL_OVERVIEW = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html"
MINIO_ANON = (
    "https://min.io/docs/minio/linux/administration/identity-access-management/policy-based-access-control.html"
)
TF_MINIO = "https://registry.terraform.io/providers/aminueza/minio/latest/docs/resources/s3_bucket"

_POLICY_TYPES = ("aws_s3_bucket_policy", "aws_s3_bucket", "minio_s3_bucket_policy")
_ACL_TYPES = ("aws_s3_bucket", "aws_s3_bucket_acl", "minio_s3_bucket")
_PUBLIC_ACLS = ("public-read", "public-read-write", "public", "authenticated-read")
_BLOCK_TYPES = ("aws_s3_bucket_public_access_block", "aws_s3_account_public_access_block")
_BLOCK_SETTINGS = ("block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets")
_READ_ACTIONS = {"s3:getobject", "s3:listbucket", "s3:*", "*", "s3:get*", "s3:list*"}


def _policy(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return None
    return value


def _listed(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)] if value is not None else []


def _anyone(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _listed(principal.get("AWS"))


def public_actions(policy: Any) -> list[str]:
    """Read or list actions a policy allows to anyone, unconditionally."""
    statements = policy.get("Statement", []) if isinstance(policy, dict) else []
    found: list[str] = []
    for statement in statements if isinstance(statements, list) else [statements]:
        if not isinstance(statement, dict) or statement.get("Effect") != "Allow" or statement.get("Condition"):
            continue
        if _anyone(statement.get("Principal")):
            found += [a for a in _listed(statement.get("Action")) if a.lower() in _READ_ACTIONS]
    return found


def _label(res: HclBlock) -> str:
    return f"{res.type}.{res.name}"


def _public_policies(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type not in _POLICY_TYPES or "policy" not in res.attributes:
            continue
        actions = public_actions(_policy(res.get("policy")))
        if actions:
            yield Hit(
                res.line_of("policy"),
                f'{_label(res)}: the bucket policy allows Principal "*" {", ".join(sorted(set(actions)))}: '
                "anyone on the internet can list and download the objects",
            )


def _public_acls(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type in _ACL_TYPES and str(res.get("acl", "")).lower() in _PUBLIC_ACLS:
            acl = str(res.get("acl")).lower()
            who = "every AWS account" if acl == "authenticated-read" else "every anonymous client"
            what = "read and write access" if acl == "public-read-write" else "read access"
            yield Hit(res.line_of("acl"), f'{_label(res)}: acl = "{res.get("acl")}" grants {who} {what}')


def _access_blocks_off(tf: TerraformFile) -> Iterator[Hit]:
    for res in tf.resources:
        if res.type not in _BLOCK_TYPES:
            continue
        for setting in _BLOCK_SETTINGS:
            if res.get(setting) is False:
                yield Hit(
                    res.line_of(setting),
                    f"{_label(res)}: {setting} = false lets public bucket policies or ACLs take effect",
                )


RULES = (
    ConfigRule(
        id="UG-S3-001",
        title="S3 or MinIO bucket policy lets anyone read or list the bucket",
        severity=Severity.CRITICAL,
        category=RuleCategory.AUTHORIZATION,
        cwe=284,
        description='A policy statement that allows Principal "*" s3:GetObject or s3:ListBucket without a '
        "condition publishes every object: bucket names are guessed and listed by scanners within hours.",
        remediation=Remediation(
            summary='Remove the Principal "*" statement; grant the roles that need the data instead.',
            steps=(
                'policy: replace Principal = "*" with Principal = { AWS = [<role ARNs>] }, or add a Condition '
                "(aws:SourceVpce, aws:PrincipalOrgID)",
                "aws_s3_bucket_public_access_block: block_public_policy = true and restrict_public_buckets = true",
                "MinIO: mc anonymous set none <alias>/<bucket>; serve public files through a CDN with signed URLs",
            ),
            references=(BLOCK_PUBLIC, S3_CONTROLS, MINIO_ANON),
        ),
        reads=TerraformFile,
        check=_public_policies,
    ),
    ConfigRule(
        id="UG-S3-002",
        title="S3 or MinIO bucket has a public canned ACL",
        severity=Severity.HIGH,
        category=RuleCategory.AUTHORIZATION,
        cwe=284,
        description="A public-read (or public-read-write, authenticated-read) ACL lets anyone, or any AWS "
        "account, list the bucket; public-read-write also lets them upload, overwrite and plant ransom notes.",
        remediation=Remediation(
            summary="Use a private ACL, or none: S3 Object Ownership 'BucketOwnerEnforced' disables ACLs.",
            steps=(
                'acl = "private" (aws_s3_bucket_acl, minio_s3_bucket), or drop the ACL and set '
                'aws_s3_bucket_ownership_controls { rule { object_ownership = "BucketOwnerEnforced" } }',
                "aws_s3_bucket_public_access_block: block_public_acls = true and ignore_public_acls = true",
            ),
            references=(ACL_OVERVIEW, BLOCK_PUBLIC, TF_MINIO),
        ),
        reads=TerraformFile,
        check=_public_acls,
    ),
    ConfigRule(
        id="UG-S3-003",
        title="S3 public access block is turned off",
        # a safety net switched off, not a bucket made public (UG-S3-001/002 are those): below the gate
        severity=Severity.MEDIUM,
        category=RuleCategory.AUTHORIZATION,
        cwe=284,
        description="With a Block Public Access setting false, one public policy or ACL (a typo, a test) "
        "publishes the bucket; with all four true, S3 refuses them.",
        remediation=Remediation(
            summary="Set all four Block Public Access settings to true (bucket and account).",
            steps=(
                "block_public_acls = true, block_public_policy = true, ignore_public_acls = true, "
                "restrict_public_buckets = true",
                "aws_s3_account_public_access_block with the same four settings for the whole account",
            ),
            references=(BLOCK_PUBLIC, S3_CONTROLS),
        ),
        reads=TerraformFile,
        check=_access_blocks_off,
    ),
)
