"""OpenAPI additions that hold for every operation, whatever its view declares: a body the
parsers refuse (malformed, NUL, nested too deep: 400; too large: 413; a media type the
operation does not take: 415) and an anonymous write (403) answer in the error shape."""

from .parsing import MAX_ID

ERROR_REF = {"$ref": "#/components/schemas/Error"}
WRITES = {"post", "put", "patch", "delete"}


def _error(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR_REF}}}


def common_responses(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for method, operation in path.items():
            if not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            if any(p.get("in") == "query" for p in operation.get("parameters", [])):
                responses.setdefault("400", _error("A query parameter out of its range"))
            if method not in WRITES:
                continue
            if "requestBody" in operation:
                responses.setdefault("400", _error("Malformed or refused body"))
                responses.setdefault("413", _error("Body too large"))
                responses.setdefault("415", _error("Unsupported media type"))
            responses.setdefault("403", _error("Not signed in or not permitted"))
    return result


def _component(schemas: dict, node: dict) -> dict:
    ref = node.get("$ref", "")
    return schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else node


def one_of_bodies_required(result, generator, request, public):
    """A body of one of several shapes (PolymorphicProxySerializer) is required when every
    shape has required fields; drf-spectacular marks it optional, as it finds no `required`
    on the oneOf itself, and a client would then send none."""

    schemas = result.get("components", {}).get("schemas", {})
    for path in result.get("paths", {}).values():
        for operation in path.values():
            body = operation.get("requestBody") if isinstance(operation, dict) else None
            if not body:
                continue
            for media in body.get("content", {}).values():
                shapes = _component(schemas, media.get("schema", {})).get("oneOf")
                if shapes and all(_component(schemas, s).get("required") for s in shapes):
                    body["required"] = True
    return result


# Query parameters with the bounds their views check (workflows.parsing).
ID = {"type": "integer", "format": "int64", "minimum": 1, "maximum": MAX_ID}
AREA = {"type": "string", "pattern": "^(city|[1-9][0-9]{0,17})$"}
NO_NUL = "^[^\\u0000]*$"


def _no_nul(node) -> None:
    """Every free-text string of a request says what workflows.text refuses: NUL."""

    if isinstance(node, list):
        for item in node:
            _no_nul(item)
        return
    if not isinstance(node, dict):
        return
    if node.get("type") == "string" and not ({"enum", "pattern", "format"} & set(node)):
        node["pattern"] = NO_NUL
    for value in node.values():
        _no_nul(value)


def request_text(result, generator, request, public):
    schemas = result.get("components", {}).get("schemas", {})
    for name, component in schemas.items():
        if name.endswith("Request"):
            _no_nul(component)
    for path in result.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            for parameter in operation.get("parameters", []):
                _no_nul(parameter.get("schema"))
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _no_nul(media.get("schema"))
    return result
