"""The one error raised for unusable input: fetch, extraction and feed errors are its kinds."""


class InputError(Exception):
    """Something fetched could not be used: a human-readable message, a machine-readable
    ``code`` and the ``url`` it came from. Callers tell failures apart by ``code``."""

    def __init__(self, message: str, *, code: str, url: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.url = url
