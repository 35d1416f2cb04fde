"""Exit codes and the one exception class per failure that maps onto them.

The CLI's single handler turns a MosaicError into its exit code and prints the message with
its remedy; stages raise these and never call sys.exit themselves.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    MISSING_DEPENDENCY = 3
    NO_INPUT = 4
    OUTPUT_OR_LOCK = 5
    TOO_MANY_QUARANTINED = 6
    BAD_CONFIG = 8
    EVAL_BELOW_THRESHOLD = 9
    INTERRUPTED = 130


class MosaicError(Exception):
    """Base class: a failure with an exit code and a sentence telling the user what to do."""

    exit_code: ExitCode = ExitCode.UNEXPECTED
    remedy: str = ""

    def __init__(self, message: str, remedy: str | None = None) -> None:
        super().__init__(message)
        if remedy is not None:
            self.remedy = remedy

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        # keep the remedy when a worker process sends the error back to the driver
        return (self.__class__, (str(self), self.remedy))

    def describe(self) -> str:
        text = str(self)
        return f"{text}\n  remedy: {self.remedy}" if self.remedy else text


class MissingDependencyError(MosaicError):
    exit_code = ExitCode.MISSING_DEPENDENCY
    remedy = "install the Debian packages: `make install` (tesseract-ocr, its language packs)"


class NoInputError(MosaicError):
    exit_code = ExitCode.NO_INPUT
    remedy = "check the path: it must be an existing file or folder of documents"


class OutputError(MosaicError):
    exit_code = ExitCode.OUTPUT_OR_LOCK
    remedy = "choose a writable --out folder with free space"


class LockHeldError(MosaicError):
    exit_code = ExitCode.OUTPUT_OR_LOCK
    remedy = "wait for the other run to finish, or pass --wait"


class TooManyQuarantinedError(MosaicError):
    exit_code = ExitCode.TOO_MANY_QUARANTINED
    remedy = "look at the quarantine table (`mosaic status`): something systemic is wrong"


class ConfigError(MosaicError):
    exit_code = ExitCode.BAD_CONFIG
    remedy = "reinstall the package: a shipped data file is missing or invalid"


class EvalBelowThresholdError(MosaicError):
    exit_code = ExitCode.EVAL_BELOW_THRESHOLD
    remedy = "see the misses listed above, or the JSON report"


class DocumentError(MosaicError):
    """One document cannot go on; it is quarantined and the run continues.

    error_class is the quarantine table's error_class column (unsupported_type, empty,
    binary, encrypted, corrupt, timeout, resource_limit, crash, ...).
    """

    def __init__(self, message: str, error_class: str, stage: str = "ingest") -> None:
        super().__init__(message)
        self.error_class = error_class
        self.stage = stage

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:  # type: ignore[override]
        return (self.__class__, (str(self), self.error_class, self.stage))
