#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema (draft 2020-12).

    validate.py SCHEMA FILE...

Prints each error with the path inside the document and exits 1 when any document is
invalid, 0 when every one is valid. Uses Debian's python3-jsonschema (.ci/setup --tests).
"""
import json
import sys

import jsonschema


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    schema = json.load(open(argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print("%s: %s: %s" % (path, where, error.message))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
