#!/usr/bin/env python3
"""Validates JSON documents against a JSON Schema (draft 2020-12).

    validate.py SCHEMA FILE...

Prints each error with the path inside the document and exits 1 when any document is
invalid, 0 when every one is valid. A schema may refer ($ref) to the others in its folder by
their $id. Uses Debian's python3-jsonschema (.ci/setup --tests).
"""
import glob
import json
import os
import sys

import jsonschema


def schemas(folder):
    """Every *.schema.json in the folder, by its $id."""
    found = {}
    for path in sorted(glob.glob(os.path.join(folder, "*.schema.json"))):
        contents = json.load(open(path, encoding="utf-8"))
        found[contents["$id"]] = contents
    return found


def validator(schema, folder):
    """A draft 2020-12 validator that resolves $ref to the schemas in `folder`: through a
    `referencing` registry where jsonschema has one (4.18 on), else a RefResolver store
    (Debian bookworm's 4.10)."""
    jsonschema.Draft202012Validator.check_schema(schema)
    store = schemas(folder)
    try:
        import referencing
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        return jsonschema.Draft202012Validator(schema, resolver=resolver)
    registry = referencing.Registry().with_resources(
        (uri, referencing.Resource.from_contents(contents)) for uri, contents in store.items())
    return jsonschema.Draft202012Validator(schema, registry=registry)


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    schema = json.load(open(argv[1], encoding="utf-8"))
    check = validator(schema, os.path.dirname(os.path.abspath(argv[1])))
    bad = 0
    for path in argv[2:]:
        document = json.load(open(path, encoding="utf-8"))
        errors = sorted(check.iter_errors(document), key=lambda e: list(e.absolute_path))
        for error in errors:
            where = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print("%s: %s: %s" % (path, where, error.message))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
