"""boto3 against `ses-presend serve --templates examples/templates`: v1 TestRenderTemplate and
v2 TestRenderEmailTemplate (the rendered message and SES's errors as botocore ClientErrors),
and the v2 templated SendEmail that SES accepts although the message will not render.

Usage: render_client.py URL
Run by tests/template_clients.rs; prints one line per check and exits non-zero on the first
failure.
"""

import email
import email.policy
import json
import sys
import urllib.request

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
CONFIG = Config(retries={"max_attempts": 1, "mode": "standard"})
GOOD = json.dumps({"name": "Ann", "favoritecolor": "red"})


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


def expect_error(what, call, code, message, status):
    try:
        call()
    except ClientError as e:
        got = (
            e.response["Error"]["Code"],
            e.response["Error"]["Message"],
            e.response["ResponseMetadata"]["HTTPStatusCode"],
        )
        if got != (code, message, status):
            fail(f"{what}: expected {(code, message, status)!r}, got {got!r}")
        print(f"ok {what}: {got!r}")
        return
    fail(f"{what}: no error")


def check_message(what, mime):
    if "\r\n" not in mime:
        fail(f"{what}: the message lost its CRLF line ends: {mime!r}")
    msg = email.message_from_string(mime, policy=email.policy.default)
    if msg["Subject"] != "Welcome, Ann!":
        fail(f"{what}: subject {msg['Subject']!r}")
    if msg.get_content_type() != "multipart/alternative":
        fail(f"{what}: content type {msg.get_content_type()!r}")
    parts = [
        (p.get_content_type(), p.get_content().replace("\r\n", "\n")) for p in msg.iter_parts()
    ]
    want = [
        ("text/plain", "Dear Ann,\nYour favorite color is red."),
        ("text/html", "<h1>Hello Ann,</h1><p>Your favorite color is red.</p>"),
    ]
    if parts != want:
        fail(f"{what}: parts {parts!r}, expected {want!r}")
    print(f"ok {what}: Subject {msg['Subject']!r}, parts {[p[0] for p in parts]!r}")


ses = client("ses")
sesv2 = client("sesv2")

# v1 TestRenderTemplate.
resp = ses.test_render_template(TemplateName="welcome", TemplateData=GOOD)
check_message("v1 TestRenderTemplate", resp["RenderedTemplate"])
expect_error(
    "v1 unknown template",
    lambda: ses.test_render_template(TemplateName="nope", TemplateData=GOOD),
    "TemplateDoesNotExist",
    "Template nope does not exist",
    400,
)
expect_error(
    "v1 missing attribute",
    lambda: ses.test_render_template(TemplateName="welcome", TemplateData='{"name": "Ann"}'),
    "MissingRenderingAttribute",
    "Attribute 'favoritecolor' is not present in the rendering data.",
    400,
)
expect_error(
    "v1 data not JSON",
    lambda: ses.test_render_template(TemplateName="welcome", TemplateData="{name: Ann"),
    "InvalidRenderingParameter",
    "Unable to parse template data (invalid JSON).",
    400,
)

# v2 TestRenderEmailTemplate.
resp = sesv2.test_render_email_template(TemplateName="welcome", TemplateData=GOOD)
check_message("v2 TestRenderEmailTemplate", resp["RenderedTemplate"])
expect_error(
    "v2 unknown template",
    lambda: sesv2.test_render_email_template(TemplateName="nope", TemplateData=GOOD),
    "NotFoundException",
    "Template nope does not exist",
    404,
)
expect_error(
    "v2 missing attribute",
    lambda: sesv2.test_render_email_template(
        TemplateName="welcome", TemplateData='{"name": "Ann"}'
    ),
    "BadRequestException",
    "Attribute 'favoritecolor' is not present in the rendering data.",
    400,
)
expect_error(
    "v2 data not JSON",
    lambda: sesv2.test_render_email_template(TemplateName="welcome", TemplateData="{name: Ann"),
    "BadRequestException",
    "Unable to parse template data (invalid JSON).",
    400,
)

# v2 SendEmail with the stored template and data missing an attribute: SES accepts it (a
# MessageId) and drops the message; /validate/request shows why.
request = {
    "FromEmailAddress": "ops@example.com",
    "Destination": {"ToAddresses": ["bob@example.org"]},
    "Content": {"Template": {"TemplateName": "welcome", "TemplateData": '{"name": "Ann"}'}},
}
resp = sesv2.send_email(**request)
if not resp.get("MessageId"):
    fail(f"v2 SendEmail: no MessageId: {resp!r}")
print(f"ok v2 SendEmail accepted: MessageId {resp['MessageId']!r}")

req = urllib.request.Request(
    f"{URL}/validate/request?api=v2",
    data=json.dumps(request).encode(),
    headers={"Content-Type": "application/json"},
    method="POST",
)
with urllib.request.urlopen(req) as answer:
    report = json.load(answer)
findings = json.dumps(report)
if "rendering-failure" not in findings or "favoritecolor" not in findings:
    fail(f"/validate/request: no rendering-failure finding: {findings}")
print("ok /validate/request: rendering-failure for favoritecolor")
