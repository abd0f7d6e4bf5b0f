"""Errors a user can fix. The CLI and UI show their message as one line, never a traceback."""


class RagError(Exception):
    """A problem with the user's input or environment; the message says what to do next."""


class IndexMissing(RagError):
    """There is no index to read yet."""


class IndexBusy(RagError):
    """Another process holds the embedded Chroma directory."""


class StoreUnavailable(RagError):
    """The Chroma server (RAG_CHROMA_URL) cannot be reached, or its data cannot be read."""


class DiskFull(RagError):
    """Not enough free disk space to write the index safely."""


class EncoderMismatch(RagError):
    """The index was embedded with another encoder than the one asked for (or a re-embedding of
    it was interrupted): vectors of two encoders are never mixed."""


class DocumentNotFound(RagError):
    """No indexed document has that id (file name or URL)."""
