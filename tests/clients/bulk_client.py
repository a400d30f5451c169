"""boto3 against `ses-presend serve`: v2 SendBulkEmail's per-entry results and request-level
errors, and v1 SendRawEmail.

Usage: bulk_client.py URL
Run by tests/bulk_clients.rs; prints one line per check and exits non-zero on the first failure.
"""

import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service):
    return boto3.client(
        service,
        endpoint_url=URL,
        region_name="us-east-1",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        config=CONFIG,
    )


def fail(message):
    sys.exit(f"FAIL {message}")


sesv2 = client("sesv2")
ses = client("ses")
DEFAULT = {"Template": {"TemplateName": "welcome", "TemplateData": "{}"}}

# Per-entry results: one good destination, one with an address SES refuses.
resp = sesv2.send_bulk_email(
    FromEmailAddress="ops@example.com",
    DefaultContent=DEFAULT,
    BulkEmailEntries=[
        {"Destination": {"ToAddresses": ["a@example.com"]}},
        {"Destination": {"ToAddresses": ["b@"]}},
    ],
)
results = resp["BulkEmailEntryResults"]
got = [(r["Status"], r.get("Error"), bool(r.get("MessageId"))) for r in results]
want = [("SUCCESS", None, True), ("INVALID_PARAMETER", "Missing domain", False)]
if got != want:
    fail(f"v2 SendBulkEmail entries: expected {want!r}, got {got!r}")
print(f"ok v2 SendBulkEmail per entry: {got!r}")

# A request-level error: 51 entries.
try:
    sesv2.send_bulk_email(
        FromEmailAddress="ops@example.com",
        DefaultContent=DEFAULT,
        BulkEmailEntries=[{"Destination": {"ToAddresses": [f"u{i}@example.com"]}} for i in range(51)],
    )
    fail("v2 SendBulkEmail with 51 entries: no error")
except ClientError as e:
    got = (e.response["Error"]["Code"], e.response["Error"]["Message"])
    want = ("BadRequestException", "Destination count exceeds 50.")
    if got != want:
        fail(f"v2 SendBulkEmail with 51 entries: expected {want!r}, got {got!r}")
    print(f"ok v2 SendBulkEmail request-level: {got!r}")

# v1 SendRawEmail: a good message is sent, a message with no From is refused.
resp = ses.send_raw_email(RawMessage={"Data": b"From: a@example.com\r\nTo: b@example.com\r\n\r\nHi"})
if not resp.get("MessageId"):
    fail("v1 SendRawEmail: no MessageId")
print("ok v1 SendRawEmail accepted")

# v1 SendBulkTemplatedEmail over the Query API: per-destination statuses.
resp = ses.send_bulk_templated_email(
    Source="ops@example.com",
    Template="welcome",
    DefaultTemplateData="{}",
    DefaultTags=[{"Name": "campaign", "Value": "spring"}],
    Destinations=[
        {"Destination": {"ToAddresses": ["a@example.com"]}, "ReplacementTemplateData": "{}"},
        {
            "Destination": {"ToAddresses": ["b@"], "CcAddresses": []},
            "ReplacementTags": [{"Name": "k", "Value": "v"}],
            "ReplacementTemplateData": "{}",
        },
    ],
)
got = [(s["Status"], s.get("Error"), bool(s.get("MessageId"))) for s in resp["Status"]]
want = [("Success", None, True), ("InvalidParameterValue", "Missing domain", False)]
if got != want:
    fail(f"v1 SendBulkTemplatedEmail statuses: expected {want!r}, got {got!r}")
print(f"ok v1 SendBulkTemplatedEmail per destination: {got!r}")

# v1 request-level errors: a destination without ReplacementTemplateData (boto/boto3#1795),
# and 51 destinations.
for what, destinations, want in [
    (
        "no ReplacementTemplateData",
        [{"Destination": {"ToAddresses": ["a@example.com"]}}],
        ("InvalidParameterValue", "The template data is invalid"),
    ),
    (
        "51 destinations",
        [
            {"Destination": {"ToAddresses": [f"u{i}@example.com"]}, "ReplacementTemplateData": "{}"}
            for i in range(51)
        ],
        ("InvalidParameterValue", "Destination count exceeds 50."),
    ),
]:
    try:
        ses.send_bulk_templated_email(
            Source="ops@example.com",
            Template="welcome",
            DefaultTemplateData="{}",
            Destinations=destinations,
        )
        fail(f"v1 SendBulkTemplatedEmail with {what}: no error")
    except ClientError as e:
        got = (e.response["Error"]["Code"], e.response["Error"]["Message"])
        if got != want:
            fail(f"v1 SendBulkTemplatedEmail with {what}: expected {want!r}, got {got!r}")
        print(f"ok v1 SendBulkTemplatedEmail request-level ({what}): {got!r}")
