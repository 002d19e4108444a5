"""Walking and editing a parsed JSON tree: shared by fuzz.py and calibration.py."""


def json_nodes(value, path=()):
    """Every (path, value) in a JSON tree; keys and list indices are the path's steps."""
    yield path, value
    if isinstance(value, dict):
        for key, child in value.items():
            yield from json_nodes(child, path + (key,))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from json_nodes(child, path + (index,))


def set_at(root, path, new):
    """`root` with the value at `path` replaced by `new` (in place; the new root for an empty path)."""
    if not path:
        return new
    node = root
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = new
    return root
