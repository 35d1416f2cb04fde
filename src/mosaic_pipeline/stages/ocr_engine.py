"""How a page reaches tesseract: through its library in this process, or as a command.

- library (tesserocr): libtesseract in this process, each model loaded once per thread and kept.
  A `tesseract` process spends ~0.16 s before it reads a line (loading its model, mostly the
  universal ambiguity table: perf), 7 % of a 300 dpi page, and the language probe of a scan
  paid it a second time; in-process, the probe and the page pay for their lines only.
- command (pytesseract): the `tesseract` command once per call, the page in a temporary file.

`auto` takes the library only when it is the very tesseract the command runs: the same
version and the same model folder. Both then read the same text (tests/stages/test_ocr_engine.py
reads the corpus pages both ways), and the pipeline's fingerprint, which records the command's
version, holds for either. `command` forces the subprocess.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from PIL import Image

from ..config import OCR_ENGINES, tesseract_version
from ..errors import DocumentError, MissingDependencyError


@dataclass(frozen=True)
class OcrCall:
    """One reading: the model, options already checked against ocr.py's allow-list, and
    the wall-clock budget."""

    model: str  # tesseract's name for it: ita, eng
    options: Mapping[str, str]
    config: str  # the same options as a command line
    timeout: float


class Engine(Protocol):
    name: str

    def models(self) -> frozenset[str]: ...

    def read(self, image: Image.Image, call: OcrCall) -> str: ...


def missing_binary(cmd: str) -> MissingDependencyError:
    return MissingDependencyError(
        f"tesseract is needed to OCR this document but `{cmd}` was not found; "
        "install the Debian package tesseract-ocr"
    )


def _timeout(seconds: float) -> DocumentError:
    return DocumentError(f"tesseract took more than {seconds:g} s on a page", "timeout", "ingest")


# ---------------------------------------------------------------- the command


@lru_cache(maxsize=8)
def command_models(cmd: str) -> tuple[str, frozenset[str]] | None:
    """The command's model folder and the models in it (`tesseract --list-langs`), or None
    when the command cannot run. Asked directly: pytesseract would import pandas (0.4 s)."""
    try:
        out = subprocess.run([cmd, "--list-langs"], capture_output=True, timeout=30,
                             check=False, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = (out.stdout or out.stderr).decode("utf-8", "replace").splitlines()
    if out.returncode != 0 or not lines or '"' not in lines[0]:
        return None
    folder = lines[0].split('"')[1]
    return folder, frozenset(line.strip() for line in lines[1:] if line.strip())


class CommandEngine:
    name = "command"

    def __init__(self, cmd: str) -> None:
        self.cmd = cmd

    def models(self) -> frozenset[str]:
        found = command_models(self.cmd)
        if found is None:
            raise missing_binary(self.cmd)
        return found[1]

    def read(self, image: Image.Image, call: OcrCall) -> str:
        import pytesseract

        # several tesseract threads per page only fight the worker pool for cores; pytesseract
        # hands os.environ to its subprocess (the library is capped before its import)
        os.environ["OMP_THREAD_LIMIT"] = "1"
        try:
            return str(pytesseract.image_to_string(_uncompressed(image), lang=call.model,
                                                   config=call.config, timeout=call.timeout))
        except pytesseract.TesseractNotFoundError as exc:
            raise missing_binary(self.cmd) from exc
        except pytesseract.TesseractError as exc:  # a RuntimeError too: test it first
            raise DocumentError(f"tesseract failed: {exc}"[:300], "ocr_failed", "ingest") from exc
        except RuntimeError as exc:  # pytesseract's only signal of its timeout
            if "timeout" in str(exc).lower():
                raise _timeout(call.timeout) from exc
            raise


def _uncompressed(image: Image.Image) -> Image.Image:
    """The page handed over as PGM/PPM: pytesseract writes a temporary file, and PNG
    compression of a 300 dpi page costs about a tenth of its OCR time."""
    if image.mode not in ("1", "L", "RGB"):
        return image
    copy = image.copy()
    copy.format = "PPM"
    return copy


# ---------------------------------------------------------------- the library


class LibraryEngine:
    name = "library"

    def __init__(self, tesserocr: Any, folder: str, models: frozenset[str]) -> None:
        self._tesserocr = tesserocr
        self._folder = folder
        self._models = models
        # an API object is not thread-safe: a Dask worker may run several threads
        self._local = threading.local()

    def models(self) -> frozenset[str]:
        return self._models

    def _api(self, model: str, oem: str | None) -> Any:
        apis: dict[tuple[str, str | None], Any] = self._local.__dict__.setdefault("apis", {})
        if (model, oem) not in apis:
            mode = int(oem) if oem is not None else self._tesserocr.OEM.DEFAULT
            apis[model, oem] = self._tesserocr.PyTessBaseAPI(path=self._folder, lang=model,
                                                             oem=mode)
        return apis[model, oem]

    def read(self, image: Image.Image, call: OcrCall) -> str:
        api = self._api(call.model, call.options.get("--oem"))
        api.SetPageSegMode(int(call.options.get("--psm", "3")))  # tesseract's own numbers
        # what `tesseract --dpi N` sets; 0 lets tesseract estimate it, as the command does
        api.SetVariable("user_defined_dpi", call.options.get("--dpi", "0"))
        data, bytes_per_pixel, bytes_per_line = _raw_pixels(image)
        api.SetImageBytes(data, image.width, image.height, bytes_per_pixel, bytes_per_line)
        started = time.monotonic()
        try:
            if not api.Recognize(timeout=max(1, int(call.timeout * 1000))):
                if time.monotonic() - started >= call.timeout:
                    raise _timeout(call.timeout)
                raise DocumentError("tesseract failed to read a page", "ocr_failed", "ingest")
            return str(api.GetUTF8Text())
        finally:
            api.Clear()  # frees the page and its results; the model stays loaded


def _raw_pixels(image: Image.Image) -> tuple[bytes, int, int]:
    """Pixels as libtesseract takes them: no file, no encoding. A 1-bit image is packed
    rows with 1 for white (PIL's layout too), given as 0 bytes per pixel."""
    if image.mode == "1":
        return image.tobytes(), 0, (image.width + 7) // 8
    if image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    depth = 1 if image.mode == "L" else 3
    return image.tobytes(), depth, image.width * depth


def _library_like(cmd: str) -> LibraryEngine | None:
    """The library, when it is importable and is the command's tesseract (same version, same
    model folder); else None."""
    found = command_models(cmd)
    tesserocr = _import_library() if found is not None else None
    if found is None or tesserocr is None:
        return None
    folder, langs = tesserocr.get_languages()
    version = str(tesserocr.tesseract_version()).splitlines()[0].removeprefix("tesseract ")
    same_folder = os.path.realpath(folder) == os.path.realpath(found[0])
    if not same_folder or version.strip() != tesseract_version(cmd):
        return None
    return LibraryEngine(tesserocr, folder, frozenset(langs))


# whether this module imported tesserocr, with tesseract's threads capped
_IMPORTED: dict[str, Any] = {}


def _import_library() -> Any | None:
    """tesserocr, when it is installed and tesseract's threads can be held to one."""
    if "tesserocr" not in _IMPORTED:
        if importlib.util.find_spec("tesserocr") is None or _openmp_loaded():
            return None  # OpenMP loaded by someone else, maybe before the cap was set
        os.environ["OMP_THREAD_LIMIT"] = "1"
        import tesserocr

        _IMPORTED["tesserocr"] = tesserocr
    return _IMPORTED["tesserocr"]


def _openmp_loaded() -> bool:
    """Whether OpenMP's runtime is already in this process. It reads OMP_THREAD_LIMIT once,
    when it loads: loaded earlier, tesseract may run a page on four threads, which on a
    busy machine is twice as slow as one (measured); the command is then the safe choice."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as maps:
            return "libgomp" in maps.read()
    except OSError:  # not Linux: nothing to check
        return False


@lru_cache(maxsize=8)
def engine_for(choice: str, cmd: str) -> Engine:
    """The engine of this process for IngestConfig.ocr_engine and the command's path."""
    if choice not in OCR_ENGINES:
        raise ValueError(f"unknown OCR engine {choice!r}; expected one of {OCR_ENGINES}")
    if choice == "auto":
        library = _library_like(cmd)
        if library is not None:
            return library
    return CommandEngine(cmd)


def forget() -> None:
    """Drop what this process found out (tests swap the tesseract command)."""
    engine_for.cache_clear()
    command_models.cache_clear()
