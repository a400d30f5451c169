"""boto3 against `ses-presend serve`: SES's errors arrive as botocore ClientErrors with SES's
code and message, and a good send returns a MessageId.

Usage: boto3_client.py URL URL_WITH_ACCOUNT
  URL               a server started without --account
  URL_WITH_ACCOUNT  a server started with --account examples/account.toml

Run by tests/clients.rs; prints one line per check and exits non-zero on the first failure.
"""

import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL, URL_WITH_ACCOUNT = sys.argv[1], sys.argv[2]

# No retries: every answer here is final, and a retry would hide a wrong status.
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})


def client(service, url):
    return boto3.client(
        service,
        endpoint_url=url,
        region_name="us-east-1",
        aws_access_key_id="AKIAIOSFODNN7EXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        config=CONFIG,
    )


def simple(subject="Hi", text="Hello"):
    return {"Subject": {"Data": subject}, "Body": {"Text": {"Data": text}}}


def expect_error(name, call, code, message, status=None):
    try:
        call()
    except ClientError as e:
        got = (e.response["Error"]["Code"], e.response["Error"]["Message"])
        if got != (code, message):
            sys.exit(f"FAIL {name}: expected {(code, message)!r}, got {got!r}")
        http = e.response["ResponseMetadata"]["HTTPStatusCode"]
        if status is not None and http != status:
            sys.exit(f"FAIL {name}: expected HTTP {status}, got {http}")
        print(f"ok {name}: {code}: {message}")
        return
    sys.exit(f"FAIL {name}: no error, expected {code}: {message}")


ses = client("ses", URL)
sesv2 = client("sesv2", URL)
sesv2_account = client("sesv2", URL_WITH_ACCOUNT)

MENU = (
    b"From: ops@example.com\r\nTo: a@example.com\r\nSubject: Menu\r\nMIME-Version: 1.0\r\n"
    b'Content-Type: multipart/mixed; boundary="b1"\r\n\r\n'
    b"--b1\r\nContent-Type: text/plain\r\n\r\nSee attached.\r\n"
    b"--b1\r\nContent-Type: application/octet-stream\r\n"
    b'Content-Disposition: attachment; filename="menu.exe"\r\n'
    b"Content-Transfer-Encoding: base64\r\n\r\nTVqQAAMAAAAEAAAA\r\n--b1--\r\n"
)

GOOD = {"Destination": {"ToAddresses": ["a@example.com"]}, "Content": {"Simple": simple()}}

# (what, client, operation, arguments, code, message, HTTP status)
CASES = [
    ("v1 SendEmail, a Source without a domain", ses, "send_email",
     {"Source": "user@", "Destination": {"ToAddresses": ["a@example.com"]}, "Message": simple()},
     "InvalidParameterValue", "Missing domain", 400),
    ("v1 SendEmail, an unquoted comma", ses, "send_email",
     {"Source": "ops@example.com", "Message": simple(),
      "Destination": {"ToAddresses": ["Karen, Chan <karen@example.com>"]}},
     "InvalidParameterValue", "Illegal address", 400),
    ("v1 SendRawEmail, a blocked attachment", ses, "send_raw_email",
     {"RawMessage": {"Data": MENU}},
     "MessageRejected", "Attachment type not supported: menu.exe.", 400),
    ("v2 SendEmail, a non-ASCII domain", sesv2, "send_email",
     {**GOOD, "FromEmailAddress": "ops@example.com",
      "Destination": {"ToAddresses": ["jose@bücher.de"]}},
     "BadRequestException", "Domain contains illegal character", 400),
    ("v2 SendEmail, a bad tag", sesv2, "send_email",
     {**GOOD, "FromEmailAddress": "ops@example.com",
      "EmailTags": [{"Name": "campaign name", "Value": "spring"}]},
     "BadRequestException",
     "Invalid tag name <campaign name>: only alphanumeric ASCII characters, '_',  '-' are allowed.",
     400),
    ("v2 SendEmail, a raw message with a blocked attachment", sesv2, "send_email",
     {"Content": {"Raw": {"Data": MENU}}},
     "MessageRejected", "Attachment type not supported: menu.exe.", 400),
    ("v2 SendEmail with --account, an unknown configuration set", sesv2_account, "send_email",
     {**GOOD, "FromEmailAddress": "ops@example.org",
      "Destination": {"ToAddresses": ["ops@example.org"]}, "ConfigurationSetName": "nonexistent"},
     "NotFoundException", "Configuration set <nonexistent> does not exist.", 404),
]
for name, api, operation, arguments, code, message, status in CASES:
    expect_error(name, lambda: getattr(api, operation)(**arguments), code, message, status)

sent = ses.send_email(
    Source="ops@example.com",
    Destination={"ToAddresses": ["a@example.com"]},
    Message=simple(),
)
if not sent.get("MessageId"):
    sys.exit(f"FAIL v1 SendEmail, a good request: no MessageId in {sent!r}")
print(f"ok v1 SendEmail, a good request: MessageId {sent['MessageId']}")

sent = sesv2.send_email(
    FromEmailAddress="ops@example.com",
    Destination={"ToAddresses": ["a@example.com"]},
    Content={"Simple": simple()},
)
if not sent.get("MessageId"):
    sys.exit(f"FAIL v2 SendEmail, a good request: no MessageId in {sent!r}")
print(f"ok v2 SendEmail, a good request: MessageId {sent['MessageId']}")
print("all boto3 checks passed")
