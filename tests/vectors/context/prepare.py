"""Materialises a load case of cases.json (format: README.md beside this file) into a directory."""
import base64
import json
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(HERE, "files")
CONTEXT_VARIABLES = ("KESTRA_EXECUTION_CONTEXT_FILE", "KESTRA_CONTEXT")


def cases():
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        return json.load(f)


def expected(name):
    """The JSON of a file of files/ (what a loaded context must equal)."""
    with open(os.path.join(FILES, name), encoding="utf-8") as f:
        return json.load(f)


def prepare(case, directory):
    """Copies the case's files into `directory` and returns the environment it runs with:
    os.environ without the context variables, plus the case's own."""
    for target, source in case.get("files", {}).items():
        dest = os.path.join(directory, target)
        os.makedirs(os.path.dirname(dest) or directory, exist_ok=True)
        shutil.copyfile(os.path.join(FILES, source), dest)
    for d in case.get("dirs", []):
        os.makedirs(os.path.join(directory, d), exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k not in CONTEXT_VARIABLES}
    for name, value in case.get("env", {}).items():
        if isinstance(value, dict):
            with open(os.path.join(FILES, value["base64_of"]), "rb") as f:
                value = base64.b64encode(f.read()).decode("ascii")
        env[name] = value
    return env
