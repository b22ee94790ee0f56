#!/usr/bin/env python3
"""Validates API answers against the schema an OpenAPI 3.1 document gives for them.

    validate-openapi.py OPENAPI.yaml PATH STATUS FILE...

Takes the `application/json` schema of `GET PATH` answering STATUS in the document (through
its `$ref`s to components/responses) and validates each FILE against it, with the document's
own `#/components/...` references and the JSON Schemas in this folder (by `$id`) resolvable.
Prints each error and exits 1 when any file is invalid, 2 when the document does not describe
that answer, 0 when all are valid. Uses Debian's python3-yaml and python3-jsonschema.
"""
import json
import os
import sys

import jsonschema
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
validate = __import__("validate")

# An http-style base: Python's urljoin (under the older RefResolver) cannot join "#/..." onto a urn:.
BASE = "https://chipwatch.invalid/api/v1/openapi.yaml"


def pointer(*parts):
    return "/" + "/".join(str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def response_schema(document, path, status):
    """The JSON pointer (inside the document) of the answer's schema, or a reason it has none."""
    operation = document.get("paths", {}).get(path, {}).get("get")
    if operation is None:
        return None, "the document has no GET %s" % path
    response = operation.get("responses", {}).get(status)
    if response is None:
        return None, "GET %s has no %s answer" % (path, status)
    where = ["paths", path, "get", "responses", status]
    while "$ref" in response:
        ref = response["$ref"]
        if not ref.startswith("#/"):
            return None, "an answer's $ref outside the document: %s" % ref
        where = [p.replace("~1", "/").replace("~0", "~") for p in ref[2:].split("/")]
        response = document
        for part in where:
            response = response[part]
    if "application/json" not in response.get("content", {}):
        return None, "GET %s %s has no application/json content" % (path, status)
    return pointer(*where, "content", "application/json", "schema"), None


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    document = yaml.safe_load(open(argv[1], encoding="utf-8"))
    if not str(document.get("openapi", "")).startswith("3.1"):
        print("%s: not an OpenAPI 3.1 document" % argv[1])
        return 2
    where, problem = response_schema(document, argv[2], argv[3])
    if problem:
        print(problem)
        return 2
    folder = os.path.dirname(os.path.abspath(__file__))
    # The document as one more schema resource, so "#/components/..." inside it resolves.
    document.setdefault("$id", BASE)
    extra = {BASE: document}
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$ref": BASE + "#" + where}
    store = validate.schemas(folder)
    store.update(extra)
    try:
        import referencing
        import referencing.jsonschema
    except ImportError:
        resolver = jsonschema.RefResolver.from_schema(schema, store=store)
        check = jsonschema.Draft202012Validator(schema, resolver=resolver)
    else:
        registry = referencing.Registry().with_resources(
            (uri, referencing.Resource(contents=contents, specification=referencing.jsonschema.DRAFT202012))
            for uri, contents in store.items())
        check = jsonschema.Draft202012Validator(schema, registry=registry)
    bad = 0
    for path in argv[4:]:
        answer = json.load(open(path, encoding="utf-8"))
        errors = sorted(check.iter_errors(answer), key=lambda e: list(e.absolute_path))
        for error in errors:
            at = "/".join(str(p) for p in error.absolute_path) or "(root)"
            print("%s: %s: %s" % (path, at, error.message))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
