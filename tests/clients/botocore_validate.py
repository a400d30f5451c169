"""botocore's parameter validator on request files, for tests/botocore_shapes.rs.

Usage: botocore_validate.py SERVICE OPERATION < requests
  SERVICE    ses or sesv2
  OPERATION  SendEmail or SendTemplatedEmail
  requests   one JSON request per line, as `aws SERVICE ... --cli-input-json` reads it

Prints one line per request: OK, or the first line of the error the AWS CLI would stop at.
A value that is not a JSON object gets the CLI's own message (it never reaches botocore);
anything else goes through botocore's ParamValidator with the operation's input shape, and
the first line of its report is printed. The two kinds of line ses-presend leaves to SES
("Missing required parameter", "Invalid length") are ranked after every other kind, so a
request with one of those and a wrong type prints the wrong type.
"""

import json
import sys

import botocore.session
from botocore.validate import ParamValidator

LEFT_TO_SES = ("Missing required parameter", "Invalid length")


def verdict(line, shape):
    try:
        params = json.loads(line)
    except ValueError:
        return "Invalid JSON received."
    if not isinstance(params, dict):
        return "Invalid type: expecting map, received %s" % type(params)
    report = ParamValidator().validate(params, shape)
    if not report.has_errors():
        return "OK"
    lines = report.generate_report().split("\n")
    lines.sort(key=lambda text: text.startswith(LEFT_TO_SES))
    return lines[0]


def main():
    service, operation = sys.argv[1], sys.argv[2]
    model = botocore.session.get_session().get_service_model(service)
    shape = model.operation_model(operation).input_shape
    out = []
    for line in sys.stdin.read().split("\n"):
        if line:
            out.append(verdict(line, shape))
    sys.stdout.write("".join(text + "\n" for text in out))


if __name__ == "__main__":
    main()
